/// The App's status from what is observed, so that `kubectl get apps` tells the truth: its replicas
/// (desired and ready, over its revisions' Deployments), whether it sits at zero and since when (the
/// ScaledObject's `Active` condition turned False), and whether Envoy Gateway has accepted its route.
/// A field whose observation is missing keeps its last value (the XR's status as last written): one
/// reconcile without an observation says nothing new. A malformed observation is as good as a missing one.
enum AppStatus {
  static func fields(_ app: AppSpec, revisions: [Revision], observed: AppObservation, last: Value?) -> [String: Value] {
    var status: [String: Value] = [:]
    let deployments = revisions.map { observed.live(.deployment, of: $0.role) }
    let desired = deployments.map { $0.flatMap { count($0.lookup("spec.replicas"), absent: 1) } }
    let ready = deployments.map { $0.flatMap { count($0.lookup("status.readyReplicas"), absent: 0) } }
    if !desired.contains(nil), !ready.contains(nil) {
      status["replicas"] = ["desired": Value(desired.compactMap { $0 }.reduce(0, +)), "ready": Value(ready.compactMap { $0 }.reduce(0, +))]
    } else if let replicas = last?["replicas"] {
      status["replicas"] = replicas
    }
    if app.scalesToZero {
      let cooldown = app.scaling?.scaleToZeroAfter ?? KEDAObjects.kedaCooldownPeriod
      if let atZero = atZero(observed.live(.scaledObject), replicas: status["replicas"], cooldown: cooldown) {
        status["atZero"] = .bool(atZero.isAtZero)
        if let since = atZero.since { status["atZeroSince"] = .string(since) }
      } else {
        for key in ["atZero", "atZeroSince"] { if let value = last?[key] { status[key] = value } }
      }
    }
    if app.routing == .gatewayAPI {
      if let route = observed.live(.httpRoute) {
        status["route"] = .string(routeState(route))
      } else if let route = last?["route"] {
        status["route"] = route
      }
    }
    return status
  }

  /// `Accepted` once every parent Gateway accepted the route's current generation, `Rejected` when one
  /// refused it (its `Accepted` condition False for that generation), else `Pending`.
  private static func routeState(_ route: Value) -> String {
    if RouteSwitch.isProgrammed(route) { return "Accepted" }
    let generation = route.lookup("metadata.generation")
    let refused = (route.lookup("status.parents")?.arrayValue ?? []).contains { parent in
      (parent["conditions"]?.arrayValue ?? []).contains {
        $0["type"] == "Accepted" && $0["status"] == "False" && generation != nil && $0["observedGeneration"] == generation
      }
    }
    return refused ? "Rejected" : "Pending"
  }

  /// A replica count as the API server writes it; Kubernetes' meaning when absent (`spec.replicas`
  /// defaults to 1, `status.readyReplicas` is left out at 0); nil when malformed.
  private static func count(_ value: Value?, absent: Int) -> Int? {
    guard let value else { return absent }
    return value.numberValue.flatMap(exactInteger).flatMap { $0 >= 0 ? $0 : nil }
  }

  /// At zero: KEDA's `Active` condition is False (no trigger asks for a pod) and no replica is
  /// desired. Since when: KEDA scales to zero a cooldown after the triggers were last active (its
  /// `status.lastActiveTime`); its conditions carry no transition time.
  private static func atZero(_ scaledObject: Value?, replicas: Value?, cooldown: Int) -> (isAtZero: Bool, since: String?)? {
    guard let conditions = scaledObject?.lookup("status.conditions")?.arrayValue,
      let active = conditions.first(where: { $0["type"] == "Active" }),
      let state = active["status"]?.stringValue, state == "True" || state == "False"
    else { return nil }
    let isAtZero = state == "False" && replicas?["desired"] == Value(0)
    guard isAtZero, let lastActive = scaledObject?.lookup("status.lastActiveTime")?.stringValue else { return (isAtZero, nil) }
    return (isAtZero, Timestamps.adding(seconds: cooldown, to: lastActive))
  }
}
