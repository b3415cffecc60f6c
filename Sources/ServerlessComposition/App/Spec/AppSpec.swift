/// The App XR's spec (`devopstoolkit.live/v1beta1`, `examples/app/xrd.yaml`) as the composition uses
/// it: every field read, checked and defaulted (`AppSpecReading.swift`) and checked as a whole
/// (`AppValidation.swift`).
struct AppSpec {
  enum Routing: String, CaseIterable {
    case ingress
    case gatewayAPI = "gateway-api"
    /// No HTTPRoute or Ingress: an app reached only by other apps (a backend).
    case none
  }

  struct Database {
    var secret: String?
    var storeName: String?
    var name: String?
    /// The App's own CloudNativePG database, the alternative to `secret`.
    var cnpg: CNPGDatabase?
  }

  /// The XR's `metadata.name`; every manifest is named after it.
  var name: String
  /// Where the manifests go: `spec.targetNamespace`, or the XR's own namespace.
  var namespace: String
  var image: String
  var tag: String
  var port: Int
  var host: String
  var routing: Routing
  var ingressClassName: String?
  var providerConfigName: String
  /// The ServiceAccount the app's pods run as (`spec.serviceAccountName`); nil is the namespace's
  /// `default`.
  var serviceAccountName: String?
  /// The container's settings beyond the image (`spec.env`, `spec.resources`, `spec.probes`, ...).
  var container: ContainerSpec
  var backendURL: String?
  var database: Database
  var minReplicas: Int
  var maxReplicas: Int
  /// nil when `spec.scaling` is absent (scaling off).
  var scaling: ScalingSpec?
  /// A second revision sharing the route's traffic (`spec.canary`).
  var canary: Canary?
  /// How a new version rolls out (`spec.rollout`).
  var rollout: Rollout?
  /// Where the app's own pods serve Prometheus metrics (`spec.metrics`); nil: not scraped.
  var metrics: AppMetrics?
  /// The App's own alerts (`spec.alerts.enabled`): its cold-start wait against its limit.
  var alerts: Bool
  /// A VerticalPodAutoscaler per revision (`spec.rightsizing`); nil: none.
  var rightsizing: Rightsizing?

  var scalingEnabled: Bool { scaling?.enabled ?? false }

  /// The names of everything composed for this App.
  var names: AppNames { AppNames(app: name) }

  /// The stable revision, and the canary when there is one.
  var revisions: [Revision] { Revision.of(self) }

  /// Each revision's ScaledObject pauses scale-in while its Deployment rolls out.
  var rolloutAwareScaling: Bool { rollout != nil && scalingEnabled }

  /// Scaling on request rate from Envoy through Prometheus (rather than CPU and memory). An app with
  /// no route has no requests of its own for Envoy to count.
  var prometheusAddress: String? { scalingEnabled && routing != .none ? scaling?.prometheusAddress : nil }

  /// The app may have no pods: every pod it runs has woken from zero or is about to.
  var scalesToZero: Bool { scalingEnabled && minReplicas == 0 }

  /// Scale to zero behind the gateway: the KEDA HTTP interceptor holds requests while a pod starts.
  var scalesToZeroBehindGateway: Bool { scalingEnabled && minReplicas == 0 && routing == .gatewayAPI && prometheusAddress != nil }
}

/// `spec.metrics`: the app's own Prometheus endpoint, scraped through a PodMonitor.
struct AppMetrics {
  var port: Int
  var path: String
}

/// `spec.canary`: a second revision of the app beside the stable one, with its own Deployment,
/// Service and (when the app scales) its own ScaledObject and HTTPScaledObject, and a weighted share of
/// the HTTPRoute's traffic. Knative's `spec.traffic` between two revisions, on plain Deployments.
struct Canary {
  /// The image tag the canary runs (`<spec.image>:<tag>`).
  var tag: String
  /// The canary's percentage of the route's requests; the stable revision gets the rest.
  var weight: Int
}

/// `spec.rollout`: how a new version replaces the running one. Every field is opt-in; the App then also
/// gets rollout-aware scaling (`RolloutScaleInPause`): KEDA does not remove pods while a rollout runs.
struct Rollout {
  enum Strategy: String, CaseIterable {
    /// Kubernetes' own rolling update (25% surge, 25% unavailable).
    case rolling
    /// One pod at a time, the old one gone before its replacement starts: no extra pod (`maxSurge` 0)
    /// and at most one down (`maxUnavailable` 1), so the new version takes over pod by pod, never with
    /// a surge of new pods beside all the old ones. An app that may run a single pod with nothing in
    /// front to hold its requests gets its one new pod first instead (`Rollout.apply`).
    case sequential
  }

  var strategy: Strategy
  /// Seconds a new pod must stay ready before the rollout counts it available and goes on.
  var minReady: Int?
  /// Seconds a leaving pod keeps serving its in-flight requests before it is told to stop.
  var quiesce: Int?
}

/// `spec.db.cnpg`: the App's own PostgreSQL, a CloudNativePG `Cluster` (`CNPGCluster`).
struct CNPGDatabase {
  /// The image CloudNativePG publishes for each PostgreSQL version.
  static let imageRepository = "ghcr.io/cloudnative-pg/postgresql"

  var instances: Int
  /// The volume of each instance, a Kubernetes quantity (`1Gi`).
  var storage: String
  /// `imageName`: an image, or the operator's PostgreSQL image of `version`; nil is the operator's default.
  var imageName: String?
  /// The database hibernates while the app sits at zero (`DatabaseHibernation`).
  var hibernate: Bool
}
