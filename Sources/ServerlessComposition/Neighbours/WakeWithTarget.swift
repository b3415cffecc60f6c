/// `spec.scaling.wakeWith` names another App whose HTTPScaledObject wakes this one: KEDA's
/// external-push trigger asks the HTTP add-on's scaler for that HTTPScaledObject, which it looks up
/// in the ScaledObject's own namespace, this App's target namespace (http-add-on v0.15.0
/// `scaler/handlers.go`, `GetMetricSpec`). When it is not there the scaler answers with an error, and
/// KEDA (v2.20.2 `pkg/scaling/scale_handler.go`) then fails every metric of the ScaledObject's HPA and
/// never scales it to zero. So the step asks Crossplane for an App of that name in the XR's namespace
/// and, when this App composes elsewhere, in its target namespace too, and says on the
/// `ScalingConsistent` condition when neither composes that HTTPScaledObject there. A warning, never a
/// refusal: another App's spec must not stop this App's own changes.
struct WakeWithTarget {
  static let requirement = "wake-with"
  static let targetNamespaceRequirement = "wake-with-target-namespace"

  let app: AppSpec
  let wakeWith: String
  /// The lookups, by the namespace they look in.
  let lookups: [(namespace: String, requirement: String, lookup: NeighbourLookup)]

  /// nil when the App names no `wakeWith`.
  init?(_ app: AppSpec, context: CompositionContext) {
    guard let wakeWith = app.scaling?.wakeWith else { return nil }
    self.app = app
    self.wakeWith = wakeWith
    var namespaces = [(context.xrNamespace, Self.requirement)]
    if !context.xrNamespace.isEmpty, app.namespace != context.xrNamespace {
      namespaces.append((app.namespace, Self.targetNamespaceRequirement))
    }
    lookups = namespaces.map { ($0, $1, NeighbourLookup($1, in: context.requiredResources)) }
  }

  var requirements: [String: Requirements.ResourceSelector] {
    Dictionary(uniqueKeysWithValues: lookups.map { ($0.requirement, NeighbourLookup.app(wakeWith, namespace: $0.namespace)) })
  }

  /// What is wrong, for the XR's `ScalingConsistent` condition (`False`, or `Unknown` while
  /// Crossplane has not fetched the Apps); nil when an App composes the HTTPScaledObject where KEDA
  /// looks.
  var warning: (status: CompositeCondition.Status, reason: String, message: String)? {
    let found = lookups.compactMap { if case .found(let other) = $0.lookup { other } else { nil } }
    let targets = found.map { (try? AppSpec(xr: $0)) }
    if targets.contains(where: { $0?.scalesToZeroBehindGateway == true && $0?.namespace == app.namespace }) { return nil }
    guard lookups.allSatisfy(\.lookup.isAnswered) else {
      return (
        .unknown, "WakeWithNotChecked",
        "spec.scaling.wakeWith: Crossplane has not fetched App \(UserError.quoted(wakeWith)), so whether it wakes this App "
          + "cannot be told yet"
      )
    }
    let consequence =
      "so KEDA finds no HTTPScaledObject \(UserError.quoted(wakeWith)) in \(UserError.quoted(app.namespace)): the ScaledObject's "
      + "HPA loses all its metrics and the app never scales to zero"
    let looked = lookups.map { UserError.quoted($0.namespace) }.joined(separator: " or ")
    guard let target = targets.compactMap({ $0 }).first else {
      if !found.isEmpty {
        return (
          .false, "WakeWithAppInvalid",
          "spec.scaling.wakeWith: App \(UserError.quoted(wakeWith)) has errors of its own (see its Synced condition), \(consequence); "
            + "fix that App"
        )
      }
      return (
        .false, "WakeWithAppMissing",
        "spec.scaling.wakeWith: there is no App \(UserError.quoted(wakeWith)) in \(looked), \(consequence) until there is; "
          + "create that App, or set spec.scaling.wakeWith to an App that exists"
      )
    }
    guard target.scalesToZeroBehindGateway else {
      return (
        .false, "WakeWithAppNotAtZero",
        "spec.scaling.wakeWith: App \(UserError.quoted(wakeWith)) does not scale to zero behind the gateway (that takes its "
          + "spec.scaling.enabled: true, spec.minReplicas: 0, spec.routing: gateway-api and a spec.scaling.prometheusAddress), "
          + "\(consequence); switch that on for it, or remove spec.scaling.wakeWith and set spec.minReplicas to 1 or more"
      )
    }
    return (
      .false, "WakeWithAppElsewhere",
      "spec.scaling.wakeWith: App \(UserError.quoted(wakeWith)) composes into namespace \(UserError.quoted(target.namespace)), "
        + "\(consequence) (KEDA reads it from the ScaledObject's own namespace only); set spec.targetNamespace of both Apps to "
        + "one namespace"
    )
  }
}
