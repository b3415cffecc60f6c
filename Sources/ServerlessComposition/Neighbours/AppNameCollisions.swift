/// Two Apps that compose the same objects fight over them: Crossplane lets only one XR control an
/// Object, and provider-kubernetes applies both manifests to one Deployment. An App's Objects are
/// `<app>-<suffix>` (`AppNames`), and some suffixes end in others (`canary-deployment`,
/// `http-scaled-object`, `trigger-auth-<key>`), so App `web` and App `web-http` both compose
/// `web-http-scaled-object` once `web` scales to zero behind the gateway; and an App composing into
/// another namespace meets the Apps living there. Each candidate is one cached read by name (no
/// list), asked for only by an App whose own Objects or name make a collision possible; the other
/// App is composed here too, and a collision is a composition resource name both compose (or, in the
/// target namespace, an object both compose there).
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
    /// The other App lives in the namespace this one composes into: the objects there are compared,
    /// not the Objects' names.
    var inTargetNamespace: Bool
    var lookup: NeighbourLookup
  }

  /// What another App's Object name may be after `<its name>-`: the suffixes of `AppNames.Object`,
  /// a canary's `canary-<suffix>`, and a TriggerAuthentication's `trigger-auth-<key>`.
  static func isSuffix(_ rest: Substring) -> Bool {
    let withoutCanary = rest.hasPrefix("canary-") ? rest.dropFirst("canary-".count) : rest
    return objectSuffixes.contains(String(withoutCanary)) || rest.hasPrefix("trigger-auth-")
  }

  static let objectSuffixes = Set(AppNames.Object.allCases.map(\.rawValue))

  /// What may follow `<another App>-` in this App's name for its Objects to be that App's: the part
  /// of one of its suffixes before ours.
  static func isInfix(_ infix: Substring) -> Bool {
    ["canary", "http", "canary-http", "trigger-auth"].contains(String(infix)) || infix.hasPrefix("trigger-auth-")
  }

  let app: AppSpec
  let composed: Composed
  let candidates: [Candidate]

  /// - Parameter composed: what this App composes.
  init(_ app: AppSpec, composed: Composed, context: CompositionContext) {
    self.app = app
    self.composed = composed
    let xrNamespace = context.xrNamespace
    var names: [String] = []
    // This App's Object `<app>-<infix>-<suffix>` is App `<app>-<infix>`'s `<suffix>`.
    for object in composed.resources.map(\.name) where object.hasPrefix("\(app.name)-") {
      let rest = object.dropFirst(app.name.count + 1)
      for dash in rest.indices where rest[dash] == "-" && Self.isSuffix(rest[rest.index(after: dash)...]) {
        names.append("\(app.name)-\(rest[..<dash])")
      }
    }
    // This App `<base>-<infix>` composes what App `<base>` composes under `<infix>-<suffix>`.
    for dash in app.name.indices where app.name[dash] == "-" && Self.isInfix(app.name[app.name.index(after: dash)...]) {
      names.append(String(app.name[..<dash]))
    }
    var unique: [String] = []
    for name in names where !unique.contains(name) && name != app.name { unique.append(name) }
    var candidates = unique.map { ("names/\($0)", $0, xrNamespace, false) }
    // An App living where this one composes: under this name, or one of the names above.
    if !xrNamespace.isEmpty, app.namespace != xrNamespace {
      candidates += ([app.name] + unique).map { ("names-in-target/\($0)", $0, app.namespace, true) }
    }
    self.candidates = candidates.map { requirement, name, namespace, inTarget in
      Candidate(
        requirement: requirement, name: name, namespace: namespace, inTargetNamespace: inTarget,
        lookup: NeighbourLookup(requirement, in: context.requiredResources))
    }
  }

  var requirements: [String: Requirements.ResourceSelector] {
    Dictionary(candidates.map { ($0.requirement, NeighbourLookup.app($0.name, namespace: $0.namespace)) }) { first, _ in first }
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
    guard candidates.allSatisfy(\.lookup.isAnswered) else {
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
    guard let theirs = try? AppComposition.compose(CompositionContext(xr: other, input: FunctionInput(nil), observed: [:]))
    else { return nil }
    if candidate.inTargetNamespace {
      let shared = Self.manifests(composed).intersection(Self.manifests(theirs)).sorted()
      guard !shared.isEmpty else { return nil }
      return "App \(name) in namespace \(UserError.quoted(candidate.namespace)) composes \(shared.joined(separator: ", ")) too, "
        + "if both Apps' ProviderConfigs reach the same cluster; rename one of the two Apps or set a different "
        + "spec.targetNamespace"
    }
    let shared = Set(composed.resources.map(\.name)).intersection(theirs.resources.map(\.name)).sorted()
    guard !shared.isEmpty else { return nil }
    return "App \(name) in this namespace composes the Objects \(shared.joined(separator: ", ")) too; rename one of the two Apps"
  }

  /// The Kubernetes objects inside the Objects, as `<kind> <namespace>/<name>`.
  static func manifests(_ composed: Composed) -> Set<String> {
    Set(
      composed.resources.compactMap { resource in
        guard let manifest = resource.body.lookup("spec.forProvider.manifest"), let kind = manifest["kind"]?.stringValue,
          let name = manifest.lookup("metadata.name")?.stringValue
        else { return nil }
        return "\(kind) \(manifest.lookup("metadata.namespace")?.stringValue ?? "")/\(name)"
      })
  }
}
