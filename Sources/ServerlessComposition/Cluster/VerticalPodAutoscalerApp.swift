/// The Vertical Pod Autoscaler (`apps.vpa`), which Apps' `spec.rightsizing` needs: from the chart of
/// kubernetes/autoscaler (`vertical-pod-autoscaler/charts/vertical-pod-autoscaler`), with its CRDs.
/// The recommender always (it learns from the metrics API: metrics-server, which EKS gets from
/// `apps.metricsServer`); the admission controller only with `apps.vpa.admissionController: true`,
/// for Apps in `Initial` mode (it sets a new pod's requests; the chart makes its certificate); the
/// updater never, since no App asks the VPA to evict pods. Each switch is written, off included.
struct VerticalPodAutoscalerApp: ClusterApp {
  var app: PlatformApp { .vpa }

  func readSettings(_ fields: FieldReader, into spec: inout ClusterSpec) {
    spec.vpaAdmissionController = fields.bool("admissionController", default: false)
  }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(
      app: .vpa, "vertical-pod-autoscaler", namespace: "kube-system",
      values: [
        "recommender": ["enabled": true],
        "updater": ["enabled": false],
        "admissionController": ["enabled": .bool(builder.spec.vpaAdmissionController)],
      ])
  }
}
