/// Every name the App composition writes, in one place: the composition resource names of its Objects
/// (`<app>-<suffix>`, a canary's `<app>-canary-<suffix>`, which are also the Objects' names) and the
/// names of the Kubernetes objects inside them.
struct AppNames {
  /// The XR's name.
  let app: String

  /// The canary revision's Deployment, Service, ScaledObject and HTTPScaledObject.
  var canary: String { "\(app)-canary" }

  /// The Secret CloudNativePG writes the app's database connection into.
  var databaseSecret: String { "\(app)-app" }

  /// The composed Objects, each with its own suffix.
  enum Object: String, CaseIterable {
    case deployment
    case service
    case httpRoute = "httproute"
    case ingress
    case scaledObject = "scaled-object"
    case httpScaledObject = "http-scaled-object"
    case referenceGrant = "reference-grant"
    case database
    case externalSecret = "external-secret"
    case podMonitor = "pod-monitor"
    case alerts
    case verticalPodAutoscaler = "vpa"
  }

  /// The Object of the TriggerAuthentication of the trigger `key` (its name or place).
  func triggerAuthentication(_ key: String) -> String { "\(app)-trigger-auth-\(key)" }

  /// The composition resource name (and Object name) of one of the App's own Objects.
  func resource(_ object: Object) -> String { "\(app)-\(object.rawValue)" }

  /// The composition resource name of one revision's Object: the stable revision's is the App's own.
  func resource(_ object: Object, of role: Revision.Role) -> String {
    "\(app)-\(role.resourcePrefix)\(object.rawValue)"
  }

  /// The prefix of every composition resource name of the canary revision.
  var canaryResourcePrefix: String { "\(app)-\(Revision.Role.canary.resourcePrefix)" }

  /// The interceptor grant's name in `keda`: one per (app, route namespace). The KCL's `<app>-httproute`
  /// is shared by the same App in `dev` and `production`, whose two Objects then apply one grant as the
  /// same field owner and overwrite each other's `from`. App and namespace are DNS labels, which hold
  /// no dot, so `<app>-httproute.<namespace>` cannot be the same for two different pairs.
  func interceptorReferenceGrant(namespace: String) -> String { "\(app)-httproute.\(namespace)" }
}
