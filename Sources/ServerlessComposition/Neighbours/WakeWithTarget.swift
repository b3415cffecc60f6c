/// `spec.scaling.wakeWith` names another App whose HTTPScaledObject wakes this one: KEDA's
/// external-push trigger asks the HTTP add-on's scaler for that HTTPScaledObject, which it looks up
/// in the ScaledObject's own namespace (http-add-on v0.15.0 `scaler/handlers.go`, `GetMetricSpec`).
/// When it is not there the scaler returns an error, and KEDA (v2.20.2 `pkg/scaling/scale_handler.go`)
/// then fails every metric of the ScaledObject's HPA and never scales it to zero. So the step asks
/// Crossplane for that App (by name, in the XR's namespace) and checks it before KEDA does.
struct WakeWithTarget {
  static let requirement = "wake-with"

  let app: AppSpec
  let wakeWith: String
  let lookup: NeighbourLookup

  /// nil when the App names no `wakeWith`.
  init?(_ app: AppSpec, context: CompositionContext) {
    guard let wakeWith = app.scaling?.wakeWith else { return nil }
    self.app = app
    self.wakeWith = wakeWith
    lookup = NeighbourLookup(Self.requirement, in: context.requiredResources)
  }

  static func selector(_ wakeWith: String, xrNamespace: String) -> Requirements.ResourceSelector {
    Requirements.ResourceSelector(
      apiVersion: "\(AppComposition.group)/\(AppComposition.servedVersion)", kind: AppComposition.kind, match: .name(wakeWith),
      namespace: xrNamespace)
  }

  /// What the App found: a refusal (the trigger can never work as written), a warning for the XR's
  /// `ScalingConsistent` condition, or nothing.
  enum Finding: Equatable {
    case fine
    case warning(reason: String, message: String)
    case refusal(UserError)
  }

  var finding: Finding {
    switch lookup {
    case .unanswered:
      return .fine
    case .missing:
      return .warning(
        reason: "WakeWithAppMissing",
        message: "spec.scaling.wakeWith: there is no App \(UserError.quoted(wakeWith)) in this namespace, so KEDA finds no "
          + "HTTPScaledObject \(UserError.quoted(wakeWith)) in \(app.namespace): the ScaledObject's HPA loses all its metrics "
          + "and the app never scales to zero until it exists; create that App, or set spec.scaling.wakeWith to an App that exists")
    case .found(let other):
      guard let target = try? AppSpec(xr: other) else {
        return .warning(
          reason: "WakeWithAppInvalid",
          message: "spec.scaling.wakeWith: App \(UserError.quoted(wakeWith)) has errors of its own (see its Synced condition), "
            + "so whether it scales to zero behind the gateway cannot be told; fix that App")
      }
      var problems: [String] = []
      if !target.scalesToZeroBehindGateway {
        problems.append(
          "App \(UserError.quoted(wakeWith)) does not scale to zero behind the gateway (that takes its spec.scaling.enabled: true, "
            + "spec.minReplicas: 0, spec.routing: gateway-api and a spec.scaling.prometheusAddress), so it has no HTTPScaledObject "
            + "to wake this App with; switch that on for it, or remove spec.scaling.wakeWith and set spec.minReplicas to 1 or more")
      }
      if target.namespace != app.namespace {
        problems.append(
          "App \(UserError.quoted(wakeWith)) composes into namespace \(UserError.quoted(target.namespace)) and this App into "
            + "\(UserError.quoted(app.namespace)); KEDA reads the HTTPScaledObject from the ScaledObject's own namespace only, so "
            + "set spec.targetNamespace of both to one namespace")
      }
      guard problems.isEmpty else {
        return .refusal(UserError(problems: problems.map { .init(path: "spec.scaling.wakeWith", message: "spec.scaling.wakeWith: \($0)") }))
      }
      return .fine
    }
  }
}
