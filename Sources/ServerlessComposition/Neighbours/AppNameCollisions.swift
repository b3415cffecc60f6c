/// Two Apps that compose the same objects fight over them: Crossplane lets only one XR control an
/// Object, and provider-kubernetes applies both manifests to one Deployment. Only three ways lead
/// there, and each is one cached read by name (no list), asked for only by an App that can collide:
/// - an App with `spec.canary` composes `<app>-canary-*` Objects and the `<app>-canary` revision,
///   which an App named `<app>-canary` in the same namespace composes too;
/// - so an App named `<base>-canary` looks for `<base>` and its canary;
/// - an App with `spec.targetNamespace` set elsewhere composes what an App of the same name living
///   in that namespace composes there (with the same ProviderConfig, on the same cluster).
/// A collision is a warning on the `NamesUnique` condition, not a refusal: both Apps see it, and
/// refusing both would stop both.
struct AppNameCollisions {
  static let conditionType = "NamesUnique"

  /// One App this one may collide with, and how.
  struct Candidate {
    enum Way {
      /// This App's canary revision is named like the other App.
      case canaryNamedLikeApp
      /// This App is named like the other App's canary revision.
      case namedLikeCanary
      /// The other App lives in the namespace this one composes into, under the same name.
      case sameNameInTargetNamespace
    }
    var requirement: String
    var way: Way
    var name: String
    var namespace: String
    var lookup: NeighbourLookup
  }

  let app: AppSpec
  let candidates: [Candidate]

  init(_ app: AppSpec, context: CompositionContext) {
    self.app = app
    let xrNamespace = context.xrNamespace
    var candidates: [(String, Candidate.Way, String, String)] = []
    if app.canary != nil {
      candidates.append(("names-canary", .canaryNamedLikeApp, app.names.canary, xrNamespace))
    }
    if app.name.hasSuffix(Self.canarySuffix), app.name.count > Self.canarySuffix.count {
      candidates.append(("names-canary-of", .namedLikeCanary, String(app.name.dropLast(Self.canarySuffix.count)), xrNamespace))
    }
    if !xrNamespace.isEmpty, app.namespace != xrNamespace {
      candidates.append(("names-target-namespace", .sameNameInTargetNamespace, app.name, app.namespace))
    }
    self.candidates = candidates.map { requirement, way, name, namespace in
      Candidate(
        requirement: requirement, way: way, name: name, namespace: namespace,
        lookup: NeighbourLookup(requirement, in: context.requiredResources))
    }
  }

  static let canarySuffix = "-canary"

  var requirements: [String: Requirements.ResourceSelector] {
    Dictionary(
      uniqueKeysWithValues: candidates.map { candidate in
        (
          candidate.requirement,
          Requirements.ResourceSelector(
            apiVersion: "\(AppComposition.group)/\(AppComposition.servedVersion)", kind: AppComposition.kind,
            match: .name(candidate.name), namespace: candidate.namespace)
        )
      })
  }

  var condition: CompositeCondition {
    guard !candidates.isEmpty else {
      return CompositeCondition(
        type: Self.conditionType, status: .true, reason: "NoSharedNames",
        message: "this App sets no spec.canary, its name does not end in -canary and it composes into its own namespace, so no "
          + "other App composes its objects unless that App composes into this namespace under this name (which it reports)")
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

  /// What collides with `candidate`, with the fix; nil when nothing does.
  private func collision(_ candidate: Candidate) -> String? {
    guard case .found(let other) = candidate.lookup else { return nil }
    let name = UserError.quoted(candidate.name)
    switch candidate.way {
    case .canaryNamedLikeApp:
      return "App \(name) in this namespace composes the Objects \(candidate.name)-* and the Deployment, Service and scaling "
        + "objects that this App's spec.canary composes for its canary revision; rename one of the two Apps"
    case .namedLikeCanary:
      // Read as written: the other App's own errors do not hide its canary.
      guard let canary = other.lookup("spec.canary"), canary != .null else { return nil }
      return "App \(name) in this namespace sets spec.canary, whose canary revision composes the Objects \(app.name)-* and "
        + "the Deployment, Service and scaling objects that this App composes; rename this App"
    case .sameNameInTargetNamespace:
      // Where the other App composes: its spec.targetNamespace, or its own namespace when unset or empty.
      let targetNamespace = other.lookup("spec.targetNamespace")?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? candidate.namespace
      guard targetNamespace == app.namespace, other.lookup("spec.providerConfigName")?.stringValue == app.providerConfigName
      else { return nil }
      return "App \(name) in namespace \(UserError.quoted(candidate.namespace)) composes the same Deployment, Service, route and "
        + "scaling objects there (spec.targetNamespace \(UserError.quoted(app.namespace)), ProviderConfig "
        + "\(UserError.quoted(app.providerConfigName))); rename one of the two Apps or set a different spec.targetNamespace"
    }
  }
}
