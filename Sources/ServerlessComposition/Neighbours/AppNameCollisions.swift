/// Two Apps that compose the same objects fight over them: Crossplane lets only one XR control an
/// Object, and provider-kubernetes applies both manifests to one Deployment. An App's Objects are
/// `<app>-<suffix>` (`AppNames`), and some suffixes end in others (`canary-deployment`,
/// `http-scaled-object`, `canary-http-scaled-object`), so App `web` and App `web-http` both compose
/// `web-http-scaled-object` once `web` scales to zero behind the gateway; and an App composing into
/// another namespace meets an App of its name living there. Each candidate is one cached read by name
/// (no list), asked for only by an App whose own spec makes a collision possible; the other App is
/// composed here too, and a collision is a composition resource name both compose (or, for the
/// target namespace, the same objects there).
///
/// A collision is a warning on the `NamesUnique` condition, not a refusal: both Apps see it, and
/// refusing both would stop both.
struct AppNameCollisions {
  static let conditionType = "NamesUnique"

  /// One App this one may collide with.
  struct Candidate {
    var requirement: String
    var name: String
    var namespace: String
    /// The other App lives in the namespace this one composes into, under the same name.
    var inTargetNamespace: Bool
    var lookup: NeighbourLookup
  }

  /// Suffixes of one Object name that end in another's: an App named `<app>-<infix>` composes what
  /// this App composes under the longer suffix.
  static let infixes = ["canary", "http", "canary-http"]

  let app: AppSpec
  let composedNames: Set<String>
  let candidates: [Candidate]

  /// - Parameter composedNames: the composition resource names this App composes.
  init(_ app: AppSpec, composedNames: Set<String>, context: CompositionContext) {
    self.app = app
    self.composedNames = composedNames
    let xrNamespace = context.xrNamespace
    var candidates: [(name: String, namespace: String, inTarget: Bool)] = []
    for infix in Self.infixes {
      // A longer Object name of this App is another App's own.
      let longer = "\(app.name)-\(infix)"
      if composedNames.contains(where: { $0.hasPrefix("\(longer)-") }) { candidates.append((longer, xrNamespace, false)) }
      // This App's Object names are the longer ones of another App's.
      if app.name.hasSuffix("-\(infix)"), app.name.count > infix.count + 1 {
        candidates.append((String(app.name.dropLast(infix.count + 1)), xrNamespace, false))
      }
    }
    if !xrNamespace.isEmpty, app.namespace != xrNamespace {
      candidates.append((app.name, app.namespace, true))
    }
    self.candidates = candidates.map { name, namespace, inTarget in
      let requirement = inTarget ? "names-target-namespace" : "names-\(name)"
      return Candidate(
        requirement: requirement, name: name, namespace: namespace, inTargetNamespace: inTarget,
        lookup: NeighbourLookup(requirement, in: context.requiredResources))
    }
  }

  var requirements: [String: Requirements.ResourceSelector] {
    Dictionary(
      candidates.map { candidate in
        (
          candidate.requirement,
          Requirements.ResourceSelector(
            apiVersion: "\(AppComposition.group)/\(AppComposition.servedVersion)", kind: AppComposition.kind,
            match: .name(candidate.name), namespace: candidate.namespace)
        )
      }
    ) { first, _ in first }
  }

  var condition: CompositeCondition {
    guard !candidates.isEmpty else {
      return CompositeCondition(
        type: Self.conditionType, status: .true, reason: "NoSharedNames",
        message: "no other App's name makes it compose this App's objects, and it composes into its own namespace (an App "
          + "elsewhere that composes into this namespace under this name reports it on its own)")
    }
    let collisions = candidates.compactMap(collision)
    guard collisions.isEmpty else {
      return CompositeCondition(
        type: Self.conditionType, status: .false, reason: "NameCollision", message: collisions.joined(separator: "; "))
    }
    let checked = candidates.map { "App \(UserError.quoted($0.name)) in \(UserError.quoted($0.namespace))" }
    guard candidates.allSatisfy({ if case .unanswered = $0.lookup { false } else { true } }) else {
      return CompositeCondition(
        type: Self.conditionType, status: .unknown, reason: "NotChecked",
        message: "Crossplane has not fetched what this App could share names with (\(checked.joined(separator: ", ")))")
    }
    return CompositeCondition(
      type: Self.conditionType, status: .true, reason: "NoSharedNames",
      message: "checked: \(checked.joined(separator: ", ")) composes none of this App's objects")
  }

  /// What collides with `candidate`, with the fix; nil when nothing does (or the other App cannot
  /// be composed: its own Synced condition says why).
  private func collision(_ candidate: Candidate) -> String? {
    guard case .found(let other) = candidate.lookup else { return nil }
    let name = UserError.quoted(candidate.name)
    if candidate.inTargetNamespace {
      // Where the other App composes: its spec.targetNamespace, or its own namespace when unset or empty.
      let targetNamespace =
        other.lookup("spec.targetNamespace")?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? candidate.namespace
      guard targetNamespace == app.namespace else { return nil }
      return "App \(name) in namespace \(UserError.quoted(candidate.namespace)) composes the same Deployment, Service, route "
        + "and scaling objects there as this App (spec.targetNamespace \(UserError.quoted(app.namespace))) if both Apps' "
        + "ProviderConfigs reach the same cluster; rename one of the two Apps or set a different spec.targetNamespace"
    }
    guard let theirs = try? AppComposition.compose(CompositionContext(xr: other, input: FunctionInput(nil), observed: [:]))
    else { return nil }
    let shared = composedNames.intersection(theirs.resources.map(\.name)).sorted()
    guard !shared.isEmpty else { return nil }
    return "App \(name) in this namespace composes the Objects \(shared.joined(separator: ", ")) too; rename one of the two Apps"
  }
}
