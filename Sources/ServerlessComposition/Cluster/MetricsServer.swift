/// Metrics Server on EKS, which ships none: without it the resource metrics API is empty and every
/// App that scales on CPU and memory (KEDA's `cpu` and `memory` triggers, the HPA's resource metrics)
/// never scales. AKS and GKE run their own, so it is composed on AWS only; `apps.metricsServer.enabled:
/// false` leaves it out (a cluster that has one already).
struct MetricsServer: ClusterApp {
  var app: PlatformApp { .metricsServer }

  func isComposed(in spec: ClusterSpec) -> Bool { spec.cloud == .aws && spec.isEnabled(.metricsServer) }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: .metricsServer, "metrics-server", namespace: "kube-system")
  }
}
