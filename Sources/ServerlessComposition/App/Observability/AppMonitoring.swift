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

  /// Every revision's pods (each revision's name label: the App's and its canary's), scraped at
  /// `spec.metrics.path`.
  static func podMonitor(_ app: AppSpec, _ metrics: AppMetrics) -> Value {
    [
      "apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor",
      "metadata": [
        "name": .string(app.name), "namespace": .string(app.namespace),
        "labels": AppComposition.labels(app).merging(ScaleToZeroMonitoring.selectorLabels),
      ],
      "spec": [
        "selector": [
          "matchExpressions": [
            ["key": "app.kubernetes.io/name", "operator": "In", "values": .array(app.revisions.map { .string($0.name) })]
          ]
        ],
        "podMetricsEndpoints": [["port": .string(metricsPortName), "path": .string(metrics.path)]],
      ],
    ]
  }

  /// The boundaries of Envoy's request-time histogram, in milliseconds (Envoy's defaults, which
  /// Envoy Gateway keeps).
  static let envoyBuckets = [
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1_800_000, 3_600_000,
  ]

  /// The largest boundary at or below `share` of the wait: the histogram cannot tell a time between
  /// two boundaries, so the alert counts the requests above this one.
  static func warningBoundary(waitSeconds: Int) -> Double {
    let limit = Double(waitSeconds * 1000) * coldStartWarningShare
    return envoyBuckets.last { $0 <= limit } ?? envoyBuckets[0]
  }

  /// The App's cold-start alert: requests on the App's route (its wait at the interceptor and its own
  /// answer, as Envoy measures them) slower than the histogram boundary nearest below 80% of the wait
  /// the interceptor gives a request before it gives up.
  static func alertRule(_ app: AppSpec) -> Value? {
    guard app.alerts, app.scalesToZeroBehindGateway, let scaling = app.scaling else { return nil }
    let boundary = warningBoundary(waitSeconds: scaling.interceptorWait)
    let le = exactInteger(boundary).map(String.init) ?? "\(boundary)"
    let selector = "envoy_cluster_name=~\"httproute/\(app.namespace)/\(app.name)/rule/.*\""
    let expression =
      "sum(increase(envoy_cluster_upstream_rq_time_bucket{\(selector), le=\"+Inf\"}[10m]))"
      + " - sum(increase(envoy_cluster_upstream_rq_time_bucket{\(selector), le=\"\(le)\"}[10m])) > 0"
    let rule = AlertRule(
      name: "ColdStartWaitNearTimeout", expression: expression, duration: "5m",
      summary: "{{ printf \"%.0f\" $value }} requests to \(app.namespace)/\(app.name) took more than "
        + "\(Durations.readable(Int(boundary) / 1000)) in 10 minutes, near the \(Durations.readable(scaling.interceptorWait)) "
        + "the interceptor holds a request for",
      labels: ["namespace": .string(app.namespace), "app": .string(app.name)])
    return AlertRule.prometheusRule(
      name: app.name, namespace: app.namespace, labels: AppComposition.labels(app), group: "\(app.name)-cold-start", rules: [rule])
  }
}
