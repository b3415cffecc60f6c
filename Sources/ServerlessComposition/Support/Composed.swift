/// When a composed resource counts as ready.
enum ReadinessPolicy: Sendable {
  /// Kinds that never report a `Ready` condition (ProviderConfigs, Usages): ready as soon as desired.
  case immediately
  /// Ready once observed with a `Ready` condition whose status is `True`; not ready while observed
  /// without it; unspecified before it is observed at all (as function-auto-ready does).
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

  /// Adds a resource under its composition resource name. Two resources with one name would silently
  /// overwrite each other in Crossplane, so a collision (which only user input can cause, e.g. a
  /// namespace listed twice) is an error that names both.
  mutating func add(_ name: String, _ body: Value, readiness: ReadinessPolicy = .whenObservedReady) throws(UserError) {
    guard names.insert(name).inserted else {
      throw UserError("two composed resources would share the composition resource name \"\(name)\"; remove the duplicate entry from the XR")
    }
    resources.append(ComposedResource(name: name, body: body, readiness: readiness))
  }
}

extension ReadinessPolicy {
  func readiness(observed: Value?) -> Readiness {
    switch self {
    case .immediately:
      return .ready
    case .whenObservedReady:
      guard let observed else { return .unspecified }
      let conditions = observed.lookup("status.conditions")?.arrayValue ?? []
      let ready = conditions.contains { $0["type"] == "Ready" && $0["status"] == "True" }
      return ready ? .ready : .notReady
    }
  }
}
