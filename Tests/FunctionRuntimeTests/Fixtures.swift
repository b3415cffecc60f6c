import Foundation
import FunctionRuntime
import ServerlessComposition
import SwiftProtobuf

/// Requests shaped as Crossplane sends them.
enum Fixtures {
  /// Spells a JSON literal as our `Value` (SwiftProtobuf also has a type named `Value`).
  static func json(_ value: ServerlessComposition.Value) -> ServerlessComposition.Value { value }

  static let app: Value = [
    "apiVersion": "devopstoolkit.live/v1beta1",
    "kind": "App",
    "metadata": [
      "name": "silly-demo", "namespace": "a-team", "uid": "0b9e1c7a-1111-2222-3333-444455556666",
      "resourceVersion": "12345", "generation": 3, "managedFields": [["manager": "kubectl"]],
    ],
    "spec": [
      "image": "ghcr.io/vfarcic/silly-demo", "tag": "v1.5.235", "providerConfigName": "a-team", "port": 8080,
      "routing": "gateway-api", "host": "silly-demo.example.com",
    ],
    "status": ["conditions": [["type": "Ready", "status": "False"]]],
  ]

  static let earlierResource: Value = [
    "apiVersion": "example.org/v1", "kind": "Thing",
    "metadata": ["name": "from-an-earlier-step", "labels": ["keep": "me"]],
    "spec": ["list": [1, 2.5, "three", ["deep": [true, .null]]], "empty": [:]],
  ]

  static func request(xr: Value = app, tag: String = "tag-1") -> RunFunctionRequest {
    var request = RunFunctionRequest()
    request.meta.tag = tag
    request.observed.composite.resource = xr.protoStruct
    return request
  }

  /// A request as a later pipeline step sees it: desired state and context from earlier steps.
  static func laterStepRequest() -> RunFunctionRequest {
    var request = request()
    var earlier = Apiextensions_Fn_Proto_V1_Resource()
    earlier.resource = earlierResource.protoStruct
    earlier.ready = .true
    earlier.connectionDetails = ["password": Data("s3cret".utf8)]
    request.desired.resources["earlier-thing"] = earlier
    request.desired.composite.resource =
      json([
        "apiVersion": "devopstoolkit.live/v1beta1", "kind": "App", "status": ["earlierStep": ["count": 3]],
      ]).protoStruct
    request.context = json(["apiextensions.crossplane.io/environment": ["region": "eu-west-1", "tier": 2]]).protoStruct
    return request
  }

  /// An observed composed resource with everything the API server adds.
  static func observed(name: String, ready: String?) -> Apiextensions_Fn_Proto_V1_Resource {
    var status: Value = [:]
    if let ready { status = ["conditions": [["type": "Ready", "status": .string(ready), "reason": "Available"]]] }
    var resource = Apiextensions_Fn_Proto_V1_Resource()
    resource.resource =
      json([
        "apiVersion": "kubernetes.m.crossplane.io/v1alpha1", "kind": "Object",
        "metadata": [
          "name": .string(name), "uid": "observed-uid", "resourceVersion": "999", "generation": 7,
          "managedFields": [["manager": "crossplane"]],
          "ownerReferences": [["kind": "App", "name": "silly-demo", "uid": "0b9e"]],
        ],
        "spec": ["forProvider": ["manifest": ["kind": "Deployment"]]],
        "status": status,
      ]).protoStruct
    return resource
  }
}
