/// What Crossplane answered for one required resource: the step asks for it by name
/// (`Requirements.resources`) and reads the answer on the next call.
enum NeighbourLookup {
  /// Not answered: the first call of a reconcile, or a Crossplane (or a `render` without
  /// `--required-resources`) that does not fetch required resources. Nothing can be said yet.
  case unanswered
  /// Answered with nothing: no such resource exists.
  case missing
  case found(Value)

  /// The answer for `requirement` in what Crossplane fetched.
  init(_ requirement: String, in required: [String: [Value]]) {
    guard let items = required[requirement] else {
      self = .unanswered
      return
    }
    self = items.first.map(NeighbourLookup.found) ?? .missing
  }

  var isAnswered: Bool { if case .unanswered = self { false } else { true } }
  var isMissing: Bool { if case .missing = self { true } else { false } }
  var isFound: Bool { if case .found = self { true } else { false } }

  /// The App named `name` in `namespace`, as a requirement.
  static func app(_ name: String, namespace: String) -> Requirements.ResourceSelector {
    Requirements.ResourceSelector(
      apiVersion: "\(AppComposition.group)/\(AppComposition.servedVersion)", kind: AppComposition.kind, match: .name(name),
      namespace: namespace)
  }
}

/// Asking Crossplane for resources, in one place: whether the calling Crossplane fetches them at all.
extension CompositionContext {
  /// Crossplane fetches required resources from v1.15; one that advertises its capabilities (v2.2 and
  /// later) says so, and one that advertises nothing is taken to fetch them (an older one ignores
  /// the request, and every lookup stays unanswered).
  var fetchesRequiredResources: Bool { capabilities?.contains(.requiredResources) ?? true }

  /// Only a Crossplane that says so fetches schemas (v2.2).
  var fetchesRequiredSchemas: Bool { capabilities?.contains(.requiredSchemas) ?? false }

  /// The XR's own namespace (a namespaced XR's neighbours are looked up there).
  var xrNamespace: String { xr.lookup("metadata.namespace")?.stringValue ?? "" }
}
