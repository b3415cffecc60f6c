/// When a composed resource counts as ready for the XR's `Ready` condition, decided from the observed
/// resource alone. A resource that is not (yet) ready stays `unspecified`, never `notReady`:
/// function-auto-ready and later steps skip a resource whose readiness is already set, and Crossplane
/// treats both alike.
enum ReadinessPolicy: Sendable {
  /// Ready once observed: kinds that never report a condition (ProviderConfigs).
  case onceObserved
  /// Ready once observed with a `Ready` condition whose status is `True` (Objects, whose own readiness
  /// policy makes that mean serving; Releases; Usages, once in use).
  case whenObservedReady
}

struct ComposedResource {
  var name: String
  var body: Value
  var readiness: ReadinessPolicy
}

/// What one XR's composition builds, before readiness is decided from observed state.
struct Composed {
  private(set) var resources: [ComposedResource] = []
  private var names: Set<String> = []
  var status: [String: Value] = [:]
  var conditions: [CompositeCondition] = []
  /// What Crossplane should fetch for the next call.
  var requirements = Requirements()
  /// How long Crossplane may reuse the answer (the step input's `spec.ttl`), in seconds; nil for the
  /// server's `--ttl`.
  var ttlSeconds: Int?

  func contains(_ name: String) -> Bool { names.contains(name) }

  /// Adds a resource under its composition resource name. Two resources with one name would silently
  /// overwrite each other in Crossplane, so a collision (which only user input can cause, e.g. a
  /// namespace listed twice) is an error that names both.
  mutating func add(_ name: String, _ body: Value, readiness: ReadinessPolicy = .whenObservedReady) throws(UserError) {
    guard names.insert(name).inserted else {
      throw UserError(
        "two composed resources would share the composition resource name \"\(name)\"; remove the duplicate entry from the XR")
    }
    resources.append(ComposedResource(name: name, body: body, readiness: readiness))
  }
}

extension ReadinessPolicy {
  func readiness(observed: Value?) -> Readiness {
    guard let observed else { return .unspecified }
    switch self {
    case .onceObserved:
      return .ready
    case .whenObservedReady:
      let conditions = observed.lookup("status.conditions")?.arrayValue ?? []
      let ready = conditions.contains { $0["type"] == "Ready" && $0["status"] == "True" }
      return ready ? .ready : .unspecified
    }
  }
}
