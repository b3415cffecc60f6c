import FunctionRuntime
import ServerlessComposition
import Testing

/// What a composition asks Crossplane to fetch goes into `RunFunctionResponse.requirements`, and what
/// Crossplane advertises comes to the composition as capabilities.
struct RequirementsTests {
  @Test func aCrossplaneThatAdvertisesNothingHasNoKnownCapabilities() {
    var meta = Apiextensions_Fn_Proto_V1_RequestMeta()
    meta.capabilities = [.requiredResources]
    #expect(FunctionRunner.capabilities(meta) == nil)
  }

  @Test func advertisedCapabilitiesAreKnown() {
    var meta = Apiextensions_Fn_Proto_V1_RequestMeta()
    meta.capabilities = [.capabilities, .requiredResources, .conditions]
    #expect(FunctionRunner.capabilities(meta) == [.requiredResources, .conditions])
  }

  @Test func requirementsBecomeSelectors() {
    var requirements = Requirements()
    requirements.resources["wake-with"] = .init(
      apiVersion: "devopstoolkit.live/v1beta1", kind: "App", match: .name("frontend"), namespace: "a-team")
    requirements.resources["apps"] = .init(
      apiVersion: "devopstoolkit.live/v1beta1", kind: "App", match: .labels(["team": "a"]))
    requirements.schemas["object"] = .init(apiVersion: "kubernetes.m.crossplane.io/v1alpha1", kind: "Object")
    let proto = FunctionRunner.protoRequirements(requirements)
    #expect(proto.resources["wake-with"]?.matchName == "frontend")
    #expect(proto.resources["wake-with"]?.namespace == "a-team")
    #expect(proto.resources["apps"]?.matchLabels.labels == ["team": "a"])
    #expect(proto.resources["apps"]?.hasNamespace == false)
    #expect(proto.schemas["object"]?.kind == "Object")
  }

  @Test func noRequirementsNoField() {
    #expect(!FunctionRunner().run(Fixtures.request()).0.hasRequirements)
  }
}
