/// What lets Prometheus see one App: a PodMonitor for its own metrics (`spec.metrics`, every
/// revision's pods) and, with `spec.alerts.enabled` on an App that scales to zero behind the gateway,
/// its alert on the cold-start wait, which only the App knows the limit of (its interceptor wait). The platform's alerts are the
/// Cluster's (`PlatformAlerts`); docs/observability.md has the runbooks.
enum AppMonitoring {
  /// The container port's name a PodMonitor scrapes by.
  static let metricsPortName = "metrics"
  /// A wait above this share of the limit warns before requests are lost.
  static let coldStartWarningShare = 0.8

  /// Names the metrics port on the container: the app's own port entry when it is the same, else a
  /// port of its own.
  static func nameMetricsPort(_ app: AppSpec, container: inout Value) {
    guard let metrics = app.metrics else { return }
    var ports = container["ports"]?.arrayValue ?? []
    if let index = ports.firstIndex(where: { $0["containerPort"] == Value(metrics.port) }) {
      ports[index]["name"] = .string(metricsPortName)
    } else {
      ports.append(["containerPort": Value(metrics.port), "name": .string(metricsPortName)])
    }
    container["ports"] = .array(ports)
  }

  /// Every revision's pods (they share the App's name label), scraped at `spec.metrics.path`.
  static func podMonitor(_ app: AppSpec, _ metrics: AppMetrics) -> Value {
    [
      "apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor",
      "metadata": [
        "name": .string(app.name), "namespace": .string(app.namespace),
        "labels": AppComposition.labels(app).merging(ScaleToZeroMonitoring.selectorLabels),
      ],
      "spec": [
        "selector": ["matchLabels": AppComposition.labels(app)],
        "podMetricsEndpoints": [["port": .string(metricsPortName), "path": .string(metrics.path)]],
      ],
    ]
  }

  /// The App's cold-start alert: the 99th percentile of what Envoy measures on the App's route (the
  /// wait the interceptor holds a woken request for, and the app's own answer) above 80% of the wait
  /// the interceptor gives a request before it gives up.
  static func alertRule(_ app: AppSpec) -> Value? {
    guard app.alerts, app.scalesToZeroBehindGateway, let scaling = app.scaling else { return nil }
    let limitMilliseconds = scaling.interceptorWait * 1000
    let threshold = Int(Double(limitMilliseconds) * coldStartWarningShare)
    let cluster = "httproute/\(app.namespace)/\(app.name)/rule/.*"
    let expression =
      "histogram_quantile(0.99, sum by (le) (rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~\"\(cluster)\"}[10m])))"
      + " > \(threshold)"
    let rule: Value = [
      "alert": "ColdStartWaitNearTimeout", "expr": .string(expression), "for": "5m",
      "labels": ["severity": "warning", "namespace": .string(app.namespace), "app": .string(app.name)],
      "annotations": [
        "summary": .string(
          "Requests to \(app.namespace)/\(app.name) wait {{ printf \"%.0f\" $value }} ms at the 99th percentile, near the "
            + "\(Durations.readable(scaling.interceptorWait)) the interceptor holds them for"),
        "runbook": "docs/observability.md#coldstartwaitneartimeout",
      ],
    ]
    return [
      "apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
      "metadata": [
        "name": .string(app.name), "namespace": .string(app.namespace),
        "labels": AppComposition.labels(app).merging(ScaleToZeroMonitoring.selectorLabels),
      ],
      "spec": ["groups": [["name": .string("\(app.name)-cold-start"), "rules": [rule]]]],
    ]
  }
}
