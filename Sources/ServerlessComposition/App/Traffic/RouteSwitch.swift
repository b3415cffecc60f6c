/// Which way a routed App's requests reach it.
enum ServingPath {
  /// Straight to each revision's Service.
  case service
  /// Through the KEDA HTTP add-on's interceptor, which holds a request while an app at zero wakes.
  case interceptor
}

/// Moving an HTTPRoute between the two paths (scale to zero behind the gateway switched on or off)
/// without losing a request: a state machine over the observed HTTPRoute and the Objects of the path
/// it moves to, and nothing else.
///
/// - To the interceptor: the route keeps sending to the Services until every revision's
///   HTTPScaledObject and the ReferenceGrant are observed ready. Before, the interceptor would answer
///   404 (no HTTPScaledObject for the host) and Envoy 500 (a backend in `keda` it may not reach).
/// - To the Services: the route keeps sending to the interceptor until the stable Deployment is
///   observed with an available pod (before, Envoy answers 503: a Service without endpoints), and the
///   HTTPScaledObjects and the grant stay, as last applied, while the observed route still sends to
///   the interceptor.
///
/// The path the route takes now is the one last applied (what the provider was told, and what it
/// applies), else the one read from the cluster; a held route is the one last applied. The interceptor
/// objects stay while either still sends to the interceptor. No observation, or one that cannot be
/// read, composes the path the App asks for (there is no route serving yet, or none known), keeping
/// the interceptor objects that are observed.
enum RouteSwitch {
  struct Decision {
    /// The path the route keeps instead of the one the App asks for; nil when it follows the App.
    var heldPath: ServingPath?
    /// The route as last applied, to apply as it is while held; nil builds the held path's route now.
    var heldRoute: Value?
    /// Objects of the path being left, by composition resource name, kept as last applied.
    var kept: [(name: String, manifest: Value)] = []

    /// A switch is under way: its Objects are watched, so that it completes on their change rather
    /// than at the provider's next poll.
    var isPending: Bool { heldPath != nil || !kept.isEmpty }

    /// The route is held on the Services of an App that asks to scale to zero: KEDA must keep a pod
    /// until the interceptor holds the requests.
    var keepsAPod: Bool { heldPath == .service }
  }

  static func decide(_ app: AppSpec, observed: AppObservation) -> Decision {
    guard app.routing == .gatewayAPI else { return Decision() }
    let wanted: ServingPath = app.scalesToZeroBehindGateway ? .interceptor : .service
    let interceptorReady =
      app.revisions.allSatisfy { observed.object(.httpScaledObject, of: $0.role)?.isReady == true }
      && observed.object(.referenceGrant)?.isReady == true
    // A pod observed available since the provider watches the Deployment: not a poll's old news.
    let deployment = observed.object(.deployment)
    let served = deployment?.isWatchedAndCurrent == true && CanaryTraffic.hasAvailablePod(deployment?.live)

    guard let route = observed.object(.httpRoute) else {
      // Not observed (a new App, or an observation missing for a reconcile): the route the App asks
      // for, but nothing observed of the interceptor's path goes while the live route may use it.
      // (Holding the route on the Services instead would keep a pod for an App at zero.)
      return wanted == .service ? Decision(kept: interceptorObjects(observed)) : Decision()
    }
    let (applied, live) = (path(of: route.applied), path(of: route.live))
    // Held as last applied, or built anew for a route that cannot be re-applied as it was.
    let lastApplied = applied != nil ? route.applied : nil
    switch (applied ?? live, wanted) {
    case (.service?, .interceptor):
      return interceptorReady ? Decision() : Decision(heldPath: .service, heldRoute: lastApplied)
    case (.interceptor?, .service):
      return served
        ? Decision(kept: interceptorObjects(observed))
        : Decision(heldPath: .interceptor, heldRoute: lastApplied, kept: interceptorObjects(observed))
    case (.service?, .service) where live != .service || !isProgrammed(route.live):
      // Until Envoy Gateway has taken the route to the Services, requests may still reach the
      // interceptor; an unreadable route keeps them too: they cost nothing to keep.
      return Decision(kept: interceptorObjects(observed))
    case (nil, .service):
      return Decision(kept: interceptorObjects(observed))
    default:
      return Decision()
    }
  }

  /// Envoy Gateway has accepted the route's current spec on every parent Gateway: each parent's
  /// `Accepted` condition is `True` for the route's generation.
  static func isProgrammed(_ route: Value?) -> Bool {
    guard let generation = route?.lookup("metadata.generation"),
      let parents = route?.lookup("status.parents")?.arrayValue, !parents.isEmpty
    else { return false }
    return parents.allSatisfy { parent in
      (parent["conditions"]?.arrayValue ?? []).contains {
        $0["type"] == "Accepted" && $0["status"] == "True" && $0["observedGeneration"] == generation
      }
    }
  }
  /// The HTTPScaledObjects and the grant as last applied.
  private static func interceptorObjects(_ observed: AppObservation) -> [(name: String, manifest: Value)] {
    let objects: [(AppNames.Object, Revision.Role)] = [
      (.httpScaledObject, .stable), (.httpScaledObject, .canary), (.referenceGrant, .stable),
    ]
    return objects.compactMap { object, role in
      guard let manifest = observed.object(object, of: role)?.applied, manifest.objectValue != nil else { return nil }
      return (observed.names.resource(object, of: role), manifest)
    }
  }

  /// The path an HTTPRoute's backendRefs take; nil for no route or one without backendRefs.
  static func path(of route: Value?) -> ServingPath? {
    let backendRefs = (route?.lookup("spec.rules")?.arrayValue ?? []).flatMap { $0["backendRefs"]?.arrayValue ?? [] }
    guard !backendRefs.isEmpty else { return nil }
    let toInterceptor = backendRefs.contains {
      $0["name"]?.stringValue == AppRouting.interceptorService && $0["namespace"]?.stringValue == AppRouting.interceptorNamespace
    }
    return toInterceptor ? .interceptor : .service
  }
}
