/// kube-prometheus-stack: the Prometheus that KEDA queries for the Envoy request rate Apps scale on;
/// with `spec.parameters.monitoring`, its kube-state-metrics also exports what scale to zero leaves in
/// custom resources (`CustomResourceMetrics`).
struct Prometheus: ClusterApp {
  var app: PlatformApp { .prometheus }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(
      app: .prometheus, "kube-prometheus-stack", namespace: "prometheus-system",
      values: builder.spec.monitorsScaleToZero ? CustomResourceMetrics.prometheusValues : nil)
  }
}
