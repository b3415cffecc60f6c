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

/// The requirements loop as Crossplane runs it (crossplane v2.3.4 `internal/xfn/required_resources.go`):
/// call, fetch what the answer requires, call again with it, until the requirements stop changing.
struct RequirementsLoopTests {
  static let backend: Value = [
    "apiVersion": "devopstoolkit.live/v1beta1", "kind": "App",
    "metadata": ["name": "env-backend", "namespace": "a-team"],
    "spec": [
      "image": "ghcr.io/vfarcic/silly-demo", "tag": "v1.5.235", "providerConfigName": "a-team", "port": 8080,
      "routing": "none", "minReplicas": 0, "scaling": ["enabled": true, "wakeWith": "env-frontend"],
    ],
  ]

  static func frontend(minReplicas: Int) -> Value {
    [
      "apiVersion": "devopstoolkit.live/v1beta1", "kind": "App",
      "metadata": ["name": "env-frontend", "namespace": "a-team"],
      "spec": [
        "image": "ghcr.io/vfarcic/silly-demo-frontend", "tag": "v1.5.235", "providerConfigName": "a-team", "port": 8080,
        "routing": "gateway-api", "host": "env.example.com", "minReplicas": .number(Double(minReplicas)),
        "scaling": ["enabled": true],
      ],
    ]
  }

  static func request(_ xr: Value, capabilities: [Apiextensions_Fn_Proto_V1_Capability] = [.capabilities, .requiredResources])
    -> RunFunctionRequest
  {
    var request = Fixtures.request(xr: xr)
    request.meta.capabilities = capabilities
    return request
  }

  /// Answers every resource requirement from `cluster`, as Crossplane's fetcher does by name.
  static func answer(_ requirements: Apiextensions_Fn_Proto_V1_Requirements, from cluster: [Value]) -> [String:
    Apiextensions_Fn_Proto_V1_Resources]
  {
    requirements.resources.mapValues { selector in
      var resources = Apiextensions_Fn_Proto_V1_Resources()
      resources.items = cluster.filter {
        $0["apiVersion"]?.stringValue == selector.apiVersion && $0["kind"]?.stringValue == selector.kind
          && $0.lookup("metadata.name")?.stringValue == selector.matchName
          && $0.lookup("metadata.namespace")?.stringValue == selector.namespace
      }.map { value in
        var resource = Apiextensions_Fn_Proto_V1_Resource()
        resource.resource = value.protoStruct
        return resource
      }
      return resources
    }
  }

  @Test func theFirstCallRequiresAndComposesTheSecondChecksWithTheSameRequirements() {
    let runner = FunctionRunner()
    var request = Self.request(Self.backend)
    let (first, _) = runner.run(request)
    #expect(first.results.isEmpty)
    #expect(!first.desired.resources.isEmpty, "composing does not wait for the answer")
    #expect(first.requirements.resources["wake-with"]?.matchName == "env-frontend")
    #expect(first.requirements.resources["wake-with"]?.namespace == "a-team")

    request.requiredResources = Self.answer(first.requirements, from: [Self.frontend(minReplicas: 0)])
    let (second, _) = runner.run(request)
    #expect(second.requirements == first.requirements, "Crossplane stops calling once they are equal")
    #expect(second.results.isEmpty)
    #expect(second.desired.resources.keys.sorted() == first.desired.resources.keys.sorted())
  }

  @Test func aNeighbourThatCannotWakeThisAppIsAWarningNotARefusal() {
    let runner = FunctionRunner()
    var request = Self.request(Self.backend)
    let (first, _) = runner.run(request)
    request.requiredResources = Self.answer(first.requirements, from: [Self.frontend(minReplicas: 1)])
    let (second, _) = runner.run(request)
    #expect(second.results.isEmpty, "another App's spec does not stop this App's own changes")
    #expect(second.desired.resources.keys.sorted() == first.desired.resources.keys.sorted())
    let scaling = second.conditions.first { $0.type == "ScalingConsistent" }
    #expect(scaling?.reason == "WakeWithAppNotAtZero")
  }

  @Test func aMissingNeighbourIsAWarningCondition() {
    let runner = FunctionRunner()
    var request = Self.request(Self.backend)
    request.requiredResources = Self.answer(runner.run(request).0.requirements, from: [])
    let (response, _) = runner.run(request)
    #expect(response.results.isEmpty)
    let scaling = response.conditions.first { $0.type == "ScalingConsistent" }
    #expect(scaling?.status == .conditionFalse)
    #expect(scaling?.reason == "WakeWithAppMissing")
  }

  @Test func aCrossplaneWithoutRequiredResourcesIsNotAsked() {
    let (response, _) = FunctionRunner().run(Self.request(Self.backend, capabilities: [.capabilities, .conditions]))
    #expect(!response.hasRequirements)
    #expect(response.results.isEmpty)
  }

  @Test func anAppWithNothingToCheckAsksForNothing() {
    let (response, _) = FunctionRunner().run(
      Self.request(Fixtures.app, capabilities: [.capabilities, .requiredResources, .requiredSchemas]).withObservedObjects())
    #expect(!response.hasRequirements)
  }

  @Test func schemasAreAskedOnlyOfACrossplaneThatFetchesThem() {
    let withSchemas = FunctionRunner().run(Self.request(Fixtures.app, capabilities: [.capabilities, .requiredSchemas])).0
    // The composed kind, and the XR's own, by which an answer that knows no schema at all is told apart.
    #expect(withSchemas.requirements.schemas.values.map(\.kind).sorted() == ["App", "Object"])
    let without = FunctionRunner().run(Self.request(Fixtures.app, capabilities: [])).0
    #expect(!without.hasRequirements)
  }

  /// Answers every schema requirement: served when `served` holds its kind.
  static func schemas(_ requirements: Apiextensions_Fn_Proto_V1_Requirements, served: Set<String>) -> [String:
    Apiextensions_Fn_Proto_V1_Schema]
  {
    requirements.schemas.mapValues { selector in
      var schema = Apiextensions_Fn_Proto_V1_Schema()
      if served.contains(selector.kind) { schema.openapiV3 = Fixtures.json(["type": "object"]).protoStruct }
      return schema
    }
  }

  @Test func anUnservedKindIsRefusedWithThePackage() {
    let runner = FunctionRunner()
    var request = Self.request(Fixtures.app, capabilities: [.capabilities, .requiredSchemas])
    let first = runner.run(request).0
    #expect(first.results.isEmpty)
    request.requiredSchemas = Self.schemas(first.requirements, served: ["App"])
    let second = runner.run(request).0
    #expect(second.results.map(\.severity) == [.fatal])
    #expect(second.results.first?.message.contains("provider-kubernetes") == true)
  }

  /// `crossplane render` without `--required-schemas` answers every kind without a schema.
  @Test func answersThatKnowNoSchemaRefuseNothing() {
    let runner = FunctionRunner()
    var request = Self.request(Fixtures.app, capabilities: [.capabilities, .requiredSchemas])
    request.requiredSchemas = Self.schemas(runner.run(request).0.requirements, served: [])
    let response = runner.run(request).0
    #expect(response.results.isEmpty)
    #expect(!response.desired.resources.isEmpty)
  }

  @Test func servedKindsComposeAndAskTheSameAgain() {
    let runner = FunctionRunner()
    var request = Self.request(Fixtures.app, capabilities: [.capabilities, .requiredSchemas])
    let first = runner.run(request).0
    request.requiredSchemas = Self.schemas(first.requirements, served: ["App", "Object"])
    let second = runner.run(request).0
    #expect(second.results.isEmpty)
    #expect(second.requirements == first.requirements)
  }
}

extension RunFunctionRequest {
  /// The same request with every Object the App composes observed: its kinds are evidently served.
  func withObservedObjects() -> RunFunctionRequest {
    var request = self
    let composed = FunctionRunner().run(self).0.desired.resources
    for (name, resource) in composed {
      var observed = Apiextensions_Fn_Proto_V1_Resource()
      observed.resource = resource.resource
      request.observed.resources[name] = observed
    }
    return request
  }
}
