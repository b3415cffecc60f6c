import Foundation
import FunctionRuntime
import ServerlessComposition
import SwiftProtobuf
import Testing

struct FunctionRunnerTests {
  let runner = FunctionRunner(ttl: .seconds(90))

  func run(_ request: RunFunctionRequest) -> RunFunctionResponse { runner.run(request).0 }

  @Test func echoesTagAndSetsTTL() {
    let response = run(Fixtures.request(tag: "hash-of-the-request"))
    #expect(response.meta.tag == "hash-of-the-request")
    #expect(response.meta.ttl.seconds == 90)
  }

  /// The step input's `spec.ttl` wins over the server's `--ttl`, for that step's answers only.
  @Test func aStepsOwnTTLWinsOverTheServers() {
    var request = Fixtures.request()
    request.input =
      Fixtures.json(["apiVersion": "serverless.fn.crossplane.io/v1beta1", "kind": "Input", "spec": ["ttl": "10m"]]).protoStruct
    #expect(run(request).meta.ttl.seconds == 600)
    request.input = Fixtures.json(["apiVersion": "serverless.fn.crossplane.io/v1beta1", "kind": "Input", "spec": [:]]).protoStruct
    #expect(run(request).meta.ttl.seconds == 90)
  }

  @Test func aTTLThatIsNoDurationIsAFatalNamingTheField() {
    var request = Fixtures.request()
    request.input =
      Fixtures.json(["apiVersion": "serverless.fn.crossplane.io/v1beta1", "kind": "Input", "spec": ["ttl": "soon"]]).protoStruct
    let response = run(request)
    #expect(response.results.first?.severity == .fatal)
    #expect(response.results.first?.message.contains("input.spec.ttl") == true)
    #expect(response.meta.ttl.seconds == 90)
  }

  @Test func composesTheAppResources() {
    let response = run(Fixtures.request())
    #expect(response.desired.resources.keys.sorted() == ["silly-demo-deployment", "silly-demo-httproute", "silly-demo-service"])
    #expect(response.results.isEmpty)
  }

  @Test func passesEarlierStepsResourcesAndContextThroughUnchanged() throws {
    let request = Fixtures.laterStepRequest()
    let response = run(request)
    #expect(response.desired.resources["earlier-thing"] == request.desired.resources["earlier-thing"])
    #expect(response.context == request.context)
    let bytesIn: [UInt8] = try request.desired.resources["earlier-thing"]!.serializedBytes()
    let bytesOut: [UInt8] = try response.desired.resources["earlier-thing"]!.serializedBytes()
    #expect(bytesIn == bytesOut)
  }

  /// An earlier step's desired composite comes back whole (the proto asks a function to pass through
  /// what it does not own), with our status merged into its status.
  @Test func desiredCompositeKeepsEarlierFieldsAndMergesStatus() {
    var request = Fixtures.laterStepRequest()
    request.desired.composite.resource =
      Fixtures.json([
        "apiVersion": "devopstoolkit.live/v1beta1", "kind": "App",
        "metadata": ["labels": ["set-by": "earlier-step"]],
        "spec": ["extra": ["keep": true]],
        "status": ["earlierStep": ["count": 3], "host": "overwritten.example.com"],
      ]).protoStruct
    request.desired.composite.connectionDetails = ["url": Data("https://x".utf8)]
    let response = run(request)
    #expect(
      Value(response.desired.composite.resource) == [
        "apiVersion": "devopstoolkit.live/v1beta1", "kind": "App",
        "metadata": ["labels": ["set-by": "earlier-step"]],
        "spec": ["extra": ["keep": true]],
        "status": ["earlierStep": ["count": 3], "host": "silly-demo.example.com"],
      ])
    #expect(response.desired.composite.connectionDetails == request.desired.composite.connectionDetails)
  }

  @Test func firstStepGetsACompositeWithStatus() {
    let response = run(Fixtures.request())
    #expect(
      Value(response.desired.composite.resource) == [
        "apiVersion": "devopstoolkit.live/v1beta1", "kind": "App", "status": ["host": "silly-demo.example.com"],
      ])
  }

  @Test func neverCopiesObservedMetadataIntoDesired() throws {
    var request = Fixtures.request()
    request.observed.resources["silly-demo-deployment"] = Fixtures.observed(name: "silly-demo-deployment", ready: "True")
    let response = run(request)
    let json = try response.desired.jsonString()
    for leaked in ["uid", "resourceVersion", "managedFields", "generation", "ownerReferences", "observed-uid", "Available"] {
      #expect(!json.contains(leaked), "desired state contains \(leaked)")
    }
  }

  /// Readiness from the observed state alone, as a table: (observed Ready condition or nothing) ->
  /// the value on the wire. Not ready is `READY_UNSPECIFIED`, never `READY_FALSE`, so that
  /// function-auto-ready and later steps may still decide.
  @Test(arguments: [
    ("True", Apiextensions_Fn_Proto_V1_Ready.true),
    ("False", .unspecified),
    ("Unknown", .unspecified),
    ("no conditions", .unspecified),
    ("not observed", .unspecified),
  ])
  func appObjectReadinessFollowsItsObservedReadyCondition(observedReady: String, expected: Apiextensions_Fn_Proto_V1_Ready) {
    var request = Fixtures.request()
    switch observedReady {
    case "not observed": break
    case "no conditions": request.observed.resources["silly-demo-deployment"] = Fixtures.observed(name: "silly-demo-deployment", ready: nil)
    default: request.observed.resources["silly-demo-deployment"] = Fixtures.observed(name: "silly-demo-deployment", ready: observedReady)
    }
    #expect(run(request).desired.resources["silly-demo-deployment"]?.ready == expected)
  }

  /// ProviderConfigs never get a condition: ready once they exist. Usages become ready from their
  /// own `Ready` condition (Crossplane sets it once the Usage is in force), Releases likewise.
  @Test(
    arguments: [
      ("a-team-config-helm", nil, Apiextensions_Fn_Proto_V1_Ready.unspecified),
      ("a-team-config-helm", "no conditions", .true),
      ("a-team-config-kubernetes", "no conditions", .true),
      ("a-team-config-helm-local", "False", .true),
      ("a-team-app-keda-usage", nil, .unspecified),
      ("a-team-app-keda-usage", "no conditions", .unspecified),
      ("a-team-app-keda-usage", "False", .unspecified),
      ("a-team-app-keda-usage", "True", .true),
      ("a-team-app-keda", "False", .unspecified),
      ("a-team-app-keda", "True", .true),
    ] as [(String, String?, Apiextensions_Fn_Proto_V1_Ready)])
  func clusterReadinessByKind(resource: String, observedReady: String?, expected: Apiextensions_Fn_Proto_V1_Ready) {
    let cluster: Value = [
      "apiVersion": "devopstoolkit.ai/v2", "kind": "Cluster",
      "metadata": ["name": "a-team", "namespace": "a-team"],
      "spec": [
        "crossplane": ["compositionSelector": ["matchLabels": ["provider": "aws"]]],
        "parameters": ["apps": ["keda": ["enabled": true]], "namespaces": []],
      ],
    ]
    var request = Fixtures.request(xr: cluster)
    if let observedReady {
      request.observed.resources[resource] = Fixtures.observed(
        name: resource, ready: observedReady == "no conditions" ? nil : observedReady)
    }
    #expect(run(request).desired.resources[resource]?.ready == expected, "\(resource) observed \(observedReady ?? "not at all")")
  }

  /// The same App in `dev` and `production` (two XRs, two Objects) must manage two different grants
  /// in `keda`: provider-kubernetes applies both Objects as one field owner, so a shared grant would
  /// flip its `from` between the two and be deleted with either App.
  @Test func sameAppInTwoNamespacesGetsTwoGrants() {
    func grant(targetNamespace: String) -> Value? {
      var xr = Fixtures.app
      xr["spec"]?["targetNamespace"] = .string(targetNamespace)
      xr["spec"]?["minReplicas"] = 0
      xr["spec"]?["scaling"] = ["enabled": true]
      let object = run(Fixtures.request(xr: xr)).desired.resources["silly-demo-reference-grant"]
      return object.map { Value($0.resource).lookup("spec.forProvider.manifest") } ?? nil
    }
    let dev = grant(targetNamespace: "dev")
    let production = grant(targetNamespace: "production")
    #expect(dev?.lookup("metadata.name") == "silly-demo-httproute.dev")
    #expect(production?.lookup("metadata.name") == "silly-demo-httproute.production")
    #expect(dev?.lookup("spec.from")?.arrayValue?.first?["namespace"] == "dev")
    #expect(production?.lookup("spec.from")?.arrayValue?.first?["namespace"] == "production")
  }

  /// Crossplane's client reads at most 4 MiB: an XR that would compose more gets a Fatal that says
  /// so, and the earlier steps' desired state comes back as it was.
  @Test func answerAboveCrossplanesLimitIsFatal() throws {
    let namespaces = (0..<20_000).map { Value.string("team-\($0)") }
    var request = Fixtures.laterStepRequest()
    request.observed.composite.resource =
      Fixtures.json([
        "apiVersion": "devopstoolkit.ai/v2", "kind": "Cluster",
        "metadata": ["name": "a-team", "namespace": "a-team"],
        "spec": [
          "crossplane": ["compositionSelector": ["matchLabels": ["provider": "aws"]]], "parameters": ["namespaces": .array(namespaces)],
        ],
      ]).protoStruct
    let (bytes, _, summary) = try runner.answer(request)
    #expect(bytes.count < FunctionRunner.crossplaneMaxResponseBytes)
    let response = try RunFunctionResponse(serializedBytes: bytes)
    #expect(response.results.count == 1)
    #expect(response.results.first?.severity == .fatal)
    #expect(response.results.first?.reason == "ResponseTooLarge")
    #expect(response.results.first?.message.contains("above the 4194304 bytes Crossplane reads") == true)
    #expect(response.desired == request.desired)
    #expect(summary.fatal)
  }

  @Test func unknownKindIsFatalNamingSupportedKindsAndKeepsDesiredState() {
    var xr = Fixtures.app
    xr["kind"] = "Bucket"
    var request = Fixtures.laterStepRequest()
    request.observed.composite.resource = xr.protoStruct
    let response = run(request)
    #expect(response.results.count == 1)
    #expect(response.results.first?.severity == .fatal)
    let message = response.results.first?.message ?? ""
    #expect(message.contains("Bucket"))
    for kind in Composer.supportedKinds {
      #expect(message.contains(kind), "the message does not name \(kind)")
    }
    #expect(response.desired == request.desired)
    #expect(response.context == request.context)
  }

  @Test func invalidFieldIsFatalNamingThePath() {
    var xr = Fixtures.app
    xr["spec"]?["port"] = "abc"
    let response = run(Fixtures.request(xr: xr))
    #expect(response.results.first?.severity == .fatal)
    #expect(response.results.first?.message.contains("spec.port") == true)
    #expect(response.desired.resources.isEmpty)
  }

  @Test func conditionsTargetTheComposite() {
    let response = run(Fixtures.request())
    #expect(response.conditions.map(\.type) == ["ScalingConsistent", "NamesUnique"])
    #expect(response.conditions.allSatisfy { $0.target == .composite })
    #expect(response.conditions.allSatisfy { $0.status == .conditionTrue })
  }

  @Test func sameRequestSameResponse() {
    let request = Fixtures.laterStepRequest()
    let first = run(request)
    for _ in 0..<20 {
      #expect(run(request) == first)
    }
  }
}
