/// What lets Prometheus see scale to zero (`spec.parameters.monitoring.enabled`, with KEDA and
/// kube-prometheus-stack on): KEDA's operator and metrics server through their chart's own
/// ServiceMonitors (`KEDA.monitoringValues`), the HTTP add-on's interceptor through a Service and a
/// ServiceMonitor of ours (its chart 0.12.2 has none; the interceptor serves OpenTelemetry's Prometheus
/// exporter on 2223), the platform's alerts (`PlatformAlerts`) and the dashboards (`Dashboards`). docs/observability.md says what
/// each metric is and where it comes from.
struct ScaleToZeroMonitoring: ClusterApp {
  /// kube-prometheus-stack's Prometheus selects monitors and rules by its release's label.
  static let selectorLabels: Value = ["release": "kube-prometheus-stack"]
  /// The interceptor's metrics port (`OTEL_PROM_EXPORTER_PORT`'s default).
  static let interceptorMetricsPort = 2223
  static let interceptorMetricsService = "keda-add-ons-http-interceptor-metrics"

  var app: PlatformApp { .keda }

  func isComposed(in spec: ClusterSpec) -> Bool { spec.monitorsScaleToZero }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    let namespace = "keda"
    let serviceLabels: Value = ["app.kubernetes.io/name": .string(Self.interceptorMetricsService)]
    try builder.object(
      app: .keda, "interceptor-metrics",
      manifest: [
        "apiVersion": "v1", "kind": "Service",
        "metadata": ["name": .string(Self.interceptorMetricsService), "namespace": .string(namespace), "labels": serviceLabels],
        "spec": [
          "selector": ["app.kubernetes.io/component": "interceptor", "app.kubernetes.io/name": "http-add-on"],
          "ports": [
            [
              "name": "metrics", "port": Value(Self.interceptorMetricsPort), "targetPort": Value(Self.interceptorMetricsPort),
              "protocol": "TCP",
            ]
          ],
        ],
      ])
    try builder.object(
      app: .keda, "interceptor-service-monitor",
      manifest: [
        "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
        "metadata": ["name": .string(Self.interceptorMetricsService), "namespace": .string(namespace), "labels": Self.selectorLabels],
        "spec": [
          "selector": ["matchLabels": serviceLabels],
          "endpoints": [["port": "metrics", "path": "/metrics"]],
        ],
      ])
    try builder.object(app: .keda, "scale-to-zero-alerts", manifest: PlatformAlerts.rule(namespace: namespace))
    // Beside Grafana, whose sidecar would find them in any namespace.
    try builder.object(
      app: .keda, "dashboard-platform", manifest: Dashboards.configMap(Dashboards.platform, variables: [], namespace: "prometheus-system"))
    try builder.object(
      app: .keda, "dashboard-app",
      manifest: Dashboards.configMap(Dashboards.app, variables: ["namespace", "app"], namespace: "prometheus-system"))
  }
}
