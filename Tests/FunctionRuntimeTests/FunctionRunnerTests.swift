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

  @Test func desiredCompositeHoldsOnlyApiVersionKindAndMergedStatus() {
    let response = run(Fixtures.laterStepRequest())
    let composite = Value(response.desired.composite.resource)
    #expect(composite.objectValue?.keys.sorted() == ["apiVersion", "kind", "status"])
    #expect(composite.lookup("status.earlierStep.count") == 3)
    #expect(composite.lookup("status.host") == "silly-demo.example.com")
  }

  @Test func firstStepGetsACompositeWithStatus() {
    let response = run(Fixtures.request())
    #expect(Value(response.desired.composite.resource) == [
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

  @Test func readinessFollowsObservedReadyCondition() {
    var request = Fixtures.request()
    request.observed.resources["silly-demo-deployment"] = Fixtures.observed(name: "silly-demo-deployment", ready: "True")
    request.observed.resources["silly-demo-service"] = Fixtures.observed(name: "silly-demo-service", ready: "False")
    let response = run(request)
    #expect(response.desired.resources["silly-demo-deployment"]?.ready == .true)
    #expect(response.desired.resources["silly-demo-service"]?.ready == .false)
    #expect(response.desired.resources["silly-demo-httproute"]?.ready == .unspecified)
  }

  @Test func observedWithoutConditionsIsNotReady() {
    var request = Fixtures.request()
    request.observed.resources["silly-demo-deployment"] = Fixtures.observed(name: "silly-demo-deployment", ready: nil)
    #expect(run(request).desired.resources["silly-demo-deployment"]?.ready == .false)
  }

  /// ProviderConfigs and Usages never get a Ready condition, so waiting for one would keep the
  /// Cluster unready for ever; everything else waits to be observed ready.
  @Test func providerConfigsAndUsagesAreReadyAtOnce() {
    let cluster: Value = [
      "apiVersion": "devopstoolkit.ai/v2", "kind": "Cluster",
      "metadata": ["name": "a-team", "namespace": "a-team"],
      "spec": [
        "crossplane": ["compositionSelector": ["matchLabels": ["provider": "aws"]]],
        "parameters": ["apps": ["keda": ["enabled": true]], "namespaces": []],
      ],
    ]
    let resources = run(Fixtures.request(xr: cluster)).desired.resources
    for name in ["a-team-config-helm", "a-team-config-helm-local", "a-team-config-kubernetes", "a-team-app-keda-usage"] {
      #expect(resources[name]?.ready == .true, "\(name) is not ready at once")
    }
    #expect(resources["a-team-app-keda"]?.ready == .unspecified)
  }

  /// Crossplane's client reads at most 4 MiB: an XR that would compose more gets a Fatal that says
  /// so, and the earlier steps' desired state comes back as it was.
  @Test func answerAboveCrossplanesLimitIsFatal() throws {
    let namespaces = (0..<20_000).map { Value.string("team-\($0)") }
    var request = Fixtures.laterStepRequest()
    request.observed.composite.resource = Fixtures.json([
      "apiVersion": "devopstoolkit.ai/v2", "kind": "Cluster",
      "metadata": ["name": "a-team", "namespace": "a-team"],
      "spec": ["crossplane": ["compositionSelector": ["matchLabels": ["provider": "aws"]]], "parameters": ["namespaces": .array(namespaces)]],
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
    #expect(response.conditions.map(\.type) == ["ScalingConsistent"])
    #expect(response.conditions.first?.target == .composite)
    #expect(response.conditions.first?.status == .conditionTrue)
  }

  @Test func sameRequestSameResponse() {
    let request = Fixtures.laterStepRequest()
    let first = run(request)
    for _ in 0..<20 {
      #expect(run(request) == first)
    }
  }
}
