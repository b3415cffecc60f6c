/// kube-prometheus-stack: the Prometheus that KEDA queries for the Envoy request rate Apps scale on.
enum Prometheus {
  static func add(to builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: "prometheus", "kube-prometheus-stack", namespace: "prometheus-system")
  }
}
