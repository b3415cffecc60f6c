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
      if let atZero = atZero(observed.live(.scaledObject), replicas: status["replicas"]) {
        status["atZero"] = .bool(atZero.isAtZero)
        if let since = atZero.since { status["atZeroSince"] = .string(since) }
      } else {
        for key in ["atZero", "atZeroSince"] { if let value = last?[key] { status[key] = value } }
      }
    }
    if app.routing == .gatewayAPI {
      if let route = observed.live(.httpRoute) {
        status["route"] = .string(RouteSwitch.isProgrammed(route) ? "Accepted" : "Pending")
      } else if let route = last?["route"] {
        status["route"] = route
      }
    }
    return status
  }

  /// A replica count as the API server writes it; Kubernetes' meaning when absent (`spec.replicas`
  /// defaults to 1, `status.readyReplicas` is left out at 0); nil when malformed.
  private static func count(_ value: Value?, absent: Int) -> Int? {
    guard let value else { return absent }
    return value.numberValue.flatMap(exactInteger).flatMap { $0 >= 0 ? $0 : nil }
  }

  /// At zero: KEDA's `Active` condition is False (no trigger asks for a pod) and no replica is
  /// desired; since when: that condition's last transition.
  private static func atZero(_ scaledObject: Value?, replicas: Value?) -> (isAtZero: Bool, since: String?)? {
    guard let conditions = scaledObject?.lookup("status.conditions")?.arrayValue,
      let active = conditions.first(where: { $0["type"] == "Active" }),
      let state = active["status"]?.stringValue, state == "True" || state == "False"
    else { return nil }
    let isAtZero = state == "False" && replicas?["desired"] == Value(0)
    return (isAtZero, isAtZero ? active["lastTransitionTime"]?.stringValue : nil)
  }
}
