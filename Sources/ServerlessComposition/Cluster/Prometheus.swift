/// kube-prometheus-stack: the Prometheus that KEDA queries for the Envoy request rate Apps scale on.
struct Prometheus: ClusterApp {
  var app: PlatformApp { .prometheus }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: .prometheus, "kube-prometheus-stack", namespace: "prometheus-system")
  }
}
