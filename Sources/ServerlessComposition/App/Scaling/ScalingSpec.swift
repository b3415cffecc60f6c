/// `spec.scaling`: KEDA scaling on CPU and memory or on Envoy's request rate, down to zero behind the
/// add-on's interceptor, and how it is tuned beyond the KCL (the cold-start wait and its fallback, the
/// idle time before zero, the per-replica target, HPA behaviour, the polling interval and pre-warm
/// schedules). Every tuning field is opt-in except the cold-start wait, which every scale-to-zero App
/// behind the gateway gets so that no request is lost to a slow start. What each field sets, and
/// where, is in docs/tuning.md.
struct ScalingSpec {
  /// The Prometheus KCL Apps query unless they name another.
  static let defaultPrometheusAddress = "http://kube-prometheus-stack-prometheus.prometheus-system:9090"
  /// The wait KEDA's interceptor gives a request while the app wakes, unless the XR says otherwise.
  static let defaultColdStartTimeout = 60
  /// The default wait when the app's database hibernates too: the app's start plus the database's
  /// resume (tens of seconds for a small one; CloudNativePG documents no bound).
  static let hibernatedColdStartTimeout = 120
  /// The add-on's delay before a fallback answers (`coldStartTimeoutFailoverRef.timeoutSeconds`).
  static let addOnFallbackDelay = 30

  struct ColdStart {
    /// Seconds a request may wait for the app to wake (the HTTPScaledObject's `conditionWait`).
    var timeout: Int
    /// The XR sets `spec.scaling.coldStart` itself (not only the default wait).
    var isSet: Bool
    var fallback: Fallback?
  }

  /// A Service that answers while the app wakes (a "starting..." page).
  struct Fallback {
    var service: String
    var port: Int
    /// Seconds before a waiting request goes to the fallback; nil is the add-on's default (30 s).
    var after: Int?
  }

  /// What one replica should carry, as the interceptor measures it (Knative's two metrics).
  enum Target {
    case concurrency(Int)
    case requestRate(perSecond: Int, window: Int)
  }

  var enabled: Bool
  /// nil (or empty in the XR) means scaling on CPU and memory.
  var prometheusAddress: String?
  var requestsPerReplica: Int
  /// Another App whose HTTPScaledObject wakes this one too (`spec.scaling.wakeWith`).
  var wakeWith: String?
  var coldStart: ColdStart
  /// Seconds of idleness before the app goes to zero (ScaledObject `cooldownPeriod`).
  var scaleToZeroAfter: Int?
  var target: Target?
  /// The HPA's `behavior`, checked field by field.
  var behavior: Value?
  var pollingInterval: Int?
  var schedules: [CronSchedule]
  /// `spec.scaling.cpu` and `memory`; nil when unset.
  var cpu: ResourceTarget?
  var memory: ResourceTarget?
  var prometheusQuery: PrometheusQuery?
  var triggers: [CustomTrigger]

  /// Seconds the interceptor really holds a request for an app at zero. With a fallback the add-on
  /// replaces the wait by the fallback's delay (`timeoutSeconds`, default 30 s): after it, the
  /// fallback answers; without one, the wait is `conditionWait`.
  var interceptorWait: Int {
    guard let fallback = coldStart.fallback else { return coldStart.timeout }
    return fallbackDelay(fallback)
  }

  /// `after`, else the add-on's 30 s, never beyond the cold-start timeout.
  func fallbackDelay(_ fallback: Fallback) -> Int {
    fallback.after ?? min(Self.addOnFallbackDelay, coldStart.timeout)
  }
}
