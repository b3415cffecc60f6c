/// KEDA and its HTTP add-on: the add-on's interceptor holds requests for Apps scaled to zero and its
/// external scaler wakes them.
struct KEDA: ClusterApp {
  /// The KEDA HTTP add-on's interceptor, the shared path of every scale-to-zero App on the cluster
  /// (`apps.keda.interceptor`).
  struct Interceptor {
    /// The keda-add-ons-http chart's own bounds (`interceptor.replicas.min`/`max`, 0.12.2 to 0.15).
    static let chartMinReplicas = 3
    static let chartMaxReplicas = 50

    var minReplicas: Int?
    var maxReplicas: Int?
    /// Seconds the interceptor holds a request while an app wakes, for HTTPScaledObjects without their own.
    var waitTimeout: Int?
  }

  var app: PlatformApp { .keda }

  func readSettings(_ fields: FieldReader, into spec: inout ClusterSpec) {
    let interceptor = fields.child("interceptor")
    guard interceptor.exists else { return }
    let minReplicas = interceptor.int("minReplicas", min: 1, max: 1000)
    let maxReplicas = interceptor.int("maxReplicas", min: 1, max: 1000)
    let waitTimeout = interceptor.duration("waitTimeout", max: 3600)
    // A bound left out keeps the chart's (3 and 50): the pair must still hold, or KEDA rejects the
    // interceptor's own ScaledObject and every scale-to-zero app loses its path.
    let (low, high) = (minReplicas ?? Interceptor.chartMinReplicas, maxReplicas ?? Interceptor.chartMaxReplicas)
    interceptor.require(
      (minReplicas == nil && maxReplicas == nil) || low <= high,
      UserError(
        "\(interceptor.path): minReplicas \(low) is above maxReplicas \(high) (a bound left out is the chart's, "
          + "\(Interceptor.chartMinReplicas) and \(Interceptor.chartMaxReplicas)); "
          + "set both so that minReplicas <= maxReplicas",
        path: interceptor.fieldPath(minReplicas != nil ? "minReplicas" : "maxReplicas")))
    spec.interceptor = Interceptor(minReplicas: minReplicas, maxReplicas: maxReplicas, waitTimeout: waitTimeout)
  }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: .keda, "keda", namespace: "keda", values: builder.spec.monitorsScaleToZero ? Self.monitoringValues : nil)
    try builder.release(
      app: .keda, "keda-add-ons-http", namespace: "keda", values: builder.spec.interceptor.map(Self.interceptorValues))
  }

  /// The keda chart's (2.19.0) own metrics switches: the operator's and the metrics server's
  /// Prometheus endpoints and a ServiceMonitor for each, labelled for kube-prometheus-stack.
  static let monitoringValues: Value = [
    "prometheus": [
      "operator": ["enabled": true, "serviceMonitor": ["enabled": true, "additionalLabels": ScaleToZeroMonitoring.selectorLabels]],
      "metricServer": ["enabled": true, "serviceMonitor": ["enabled": true, "additionalLabels": ScaleToZeroMonitoring.selectorLabels]],
    ]
  ]

  /// The keda-add-ons-http chart's values (0.12.2; the same keys through 0.15): `interceptor.replicas`
  /// `min`/`max` bound the interceptor's own ScaledObject, `waitTimeout` is its KEDA_CONDITION_WAIT_TIMEOUT
  /// (from 0.14 a fallback of `readinessTimeout`). The PodDisruptionBudget is left at the chart's
  /// `maxUnavailable: 1`: setting `minAvailable` too would render a PDB with both, which is invalid.
  static func interceptorValues(_ interceptor: Interceptor) -> Value {
    var replicas: JSONObject = [:]
    if let min = interceptor.minReplicas { replicas["min"] = Value(min) }
    if let max = interceptor.maxReplicas { replicas["max"] = Value(max) }
    if let wait = interceptor.waitTimeout { replicas["waitTimeout"] = .string(Durations.text(wait)) }
    return ["interceptor": ["replicas": .object(replicas)]]
  }
}
