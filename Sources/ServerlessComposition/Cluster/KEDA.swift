/// KEDA and its HTTP add-on: the add-on's interceptor holds requests for Apps scaled to zero and its
/// external scaler wakes them.
enum KEDA {
  static func add(to builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: "keda", "keda", namespace: "keda")
    try builder.release(
      app: "keda", "keda-add-ons-http", namespace: "keda", values: builder.spec.interceptor.map(interceptorValues))
  }

  /// The keda-add-ons-http chart's values (0.12.2; the same keys through 0.15): `interceptor.replicas`
  /// `min`/`max` bound the interceptor's own ScaledObject, `waitTimeout` is its KEDA_CONDITION_WAIT_TIMEOUT
  /// (from 0.14 a fallback of `readinessTimeout`). The PodDisruptionBudget is left at the chart's
  /// `maxUnavailable: 1`: setting `minAvailable` too would render a PDB with both, which is invalid.
  static func interceptorValues(_ interceptor: ClusterSpec.Interceptor) -> Value {
    var replicas: [String: Value] = [:]
    if let min = interceptor.minReplicas { replicas["min"] = Value(min) }
    if let max = interceptor.maxReplicas { replicas["max"] = Value(max) }
    if let wait = interceptor.waitTimeout { replicas["waitTimeout"] = .string(Durations.text(wait)) }
    return ["interceptor": ["replicas": .object(replicas)]]
  }
}
