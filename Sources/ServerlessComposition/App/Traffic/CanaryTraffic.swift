/// When the canary really gets requests: a state machine over the observed Objects, so that adding or
/// removing a canary never sends a request where nothing can answer it.
///
/// - Adding: an app that does not scale to zero routes to the canary's Service directly, where a request
///   before its first ready pod would fail, so the canary's share starts once its Deployment is observed
///   with an available pod, and goes back to the stable revision whenever it has none. (At zero, the
///   interceptor holds the canary's requests while it starts: its weight applies at once.)
/// - Removing: the canary's Objects stay, as last applied, while the observed HTTPRoute still routes to
///   it, and go once the route without the canary has been applied.
enum CanaryTraffic {
  /// The revisions with the weights the route gives them now.
  static func routedRevisions(_ app: AppSpec, observed: AppObservation) -> [Revision] {
    var revisions = app.revisions
    guard revisions.count == 2, !app.scalesToZeroBehindGateway, !hasAvailablePod(observed.live(.deployment, of: .canary))
    else { return revisions }
    revisions[0].weight = 100
    revisions[1].weight = 0
    return revisions
  }

  /// At least one available pod in an observed Deployment; false for no observation or a malformed one.
  static func hasAvailablePod(_ deployment: Value?) -> Bool {
    guard case .number(let available)? = deployment?.lookup("status.availableReplicas") else { return false }
    return available >= 1
  }

  /// With `spec.canary` removed: the observed canary Objects (by composition resource name) to keep
  /// while the observed route still sends requests to the canary; empty otherwise.
  static func draining(_ app: AppSpec, observed: AppObservation) -> [(name: String, manifest: Value)] {
    guard app.canary == nil, routesToCanary(observed.live(.httpRoute), app: app) else { return [] }
    return observed.canaryObjects.compactMap { name, object in
      guard let manifest = object.applied, manifest.objectValue != nil else { return nil }
      return (name, manifest)
    }
  }

  /// A backendRef to the canary's Service, or one that marks its requests for the canary's
  /// HTTPScaledObject.
  static func routesToCanary(_ route: Value?, app: AppSpec) -> Bool {
    let backendRefs = (route?.lookup("spec.rules")?.arrayValue ?? []).flatMap { $0["backendRefs"]?.arrayValue ?? [] }
    return backendRefs.contains { backendRef in
      if backendRef["name"]?.stringValue == app.names.canary { return true }
      let headers = (backendRef["filters"]?.arrayValue ?? []).flatMap {
        $0.lookup("requestHeaderModifier.set")?.arrayValue ?? []
      }
      return headers.contains {
        $0["name"]?.stringValue == Revision.header && $0["value"]?.stringValue == Revision.Role.canary.rawValue
      }
    }
  }
}
