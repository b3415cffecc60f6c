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
  /// Wall-clock time of the trace's second 0 (seconds since 1970, UTC) when the trace names none;
  /// 2024-01-01T00:00:00Z, a Monday.
  public var startEpochSeconds: Double = 1_704_067_200

  public init() {}
}
