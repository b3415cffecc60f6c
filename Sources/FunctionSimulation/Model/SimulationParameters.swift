/// What the cluster decides rather than the composition: each has a documented default (docs/simulate.md).
public struct SimulationParameters: Sendable, Equatable {
  /// From a pod's creation until the app answers its probes: scheduling, image pull (cached),
  /// container start and the app's own start.
  public var podStart: Double = 8
  /// From the first request at zero until KEDA scales the Deployment up: the add-on's scaler asks the
  /// interceptors for their queues every 500 ms (`KEDA_HTTP_QUEUE_TICK_DURATION`) and streams
  /// `active` to KEDA every 200 ms (`KEDA_HTTP_SCALER_STREAM_INTERVAL_MS`); http-add-on v0.12.2.
  public var activationDelay: Double = 0.5
  /// `--horizontal-pod-autoscaler-sync-period` of kube-controller-manager.
  public var hpaSyncPeriod: Double = 15
  /// How often Prometheus scrapes Envoy (kube-prometheus-stack's `scrapeInterval`, 30 s).
  public var scrapeInterval: Double = 30
  /// A request's time in the app, when the trace has none.
  public var serviceTime: Double = 0.1
  /// From the wake until a hibernated CloudNativePG database serves again.
  public var databaseResume: Double = 30
  /// From the app reaching zero until its database is hibernated: the function sees the Deployment
  /// at zero and the ScaledObject inactive at its next reconcile, then CloudNativePG stops the pods.
  /// A wake before that finds the database up.
  public var databaseHibernateAfter: Double = 60
  /// Where in their periods Prometheus' scrapes, KEDA's polls and the HPA's syncs fall: the three run
  /// on their own clocks. Each is a fraction of its period in [0, 1); `simulate` draws them from
  /// `--seed`.
  public var scrapePhase: Double = 0
  public var pollPhase: Double = 0
  public var syncPhase: Double = 0
  /// Wall-clock time of the trace's second 0 (seconds since 1970, UTC) when the trace names none;
  /// 2024-01-01T00:00:00Z, a Monday.
  public var startEpochSeconds: Double = RFC3339Time.epochSeconds(SimulationParameters.defaultStart) ?? 0

  /// The model's own figures, with the clocks on one grid (phases 0): what the tests start from.
  public init() {}

  /// `simulate`'s defaults: the model's figures, the clocks' phases drawn from `seed`.
  public init(seed: UInt64) {
    drawPhases(seed: seed)
  }

  public static let defaultSeed: UInt64 = 1
  public static let defaultStart = "2024-01-01T00:00:00Z"

  /// A default as a flag shows it: `8s`, `500ms`.
  public static func defaultText(_ keyPath: KeyPath<SimulationParameters, Double>) -> String {
    let milliseconds = SimulationParameters()[keyPath: keyPath] * 1000
    return milliseconds.truncatingRemainder(dividingBy: 1000) == 0 ? "\(Int(milliseconds / 1000))s" : "\(Int(milliseconds))ms"
  }

  /// The phases drawn from `seed`, each uniform.
  public mutating func drawPhases(seed: UInt64) {
    var generator = SplitMix64(seed: seed ^ 0x5EED)
    scrapePhase = generator.nextUnit()
    pollPhase = generator.nextUnit()
    syncPhase = generator.nextUnit()
  }
}
