/// One Prometheus alert as this function writes them (severity `warning`, a summary and the anchor of
/// its runbook in docs/observability.md), and the PrometheusRule that holds a group of them, labelled
/// for kube-prometheus-stack's Prometheus. The platform's alerts (`PlatformAlerts`) and an App's
/// (`AppMonitoring`) are both written this way.
struct AlertRule {
  var name: String
  var expression: String
  /// How long the expression must hold before the alert fires; `0m` fires at once.
  var duration: String
  var summary: String
  /// Labels beyond the severity (the App an alert is about).
  var labels: JSONObject = [:]

  var manifest: Value {
    var rule: Value = [
      "alert": .string(name), "expr": .string(expression),
      "labels": .object(labels.merging(["severity": "warning"]) { own, _ in own }),
      "annotations": [
        "summary": .string(summary),
        // The function's docs, where each alert has its runbook.
        "runbook": .string("docs/observability.md#\(name.lowercased())"),
      ],
    ]
    if duration != "0m" { rule["for"] = .string(duration) }
    return rule
  }

  /// A PrometheusRule `name` in `namespace` with one group of `rules`.
  static func prometheusRule(name: String, namespace: String, labels: Value = [:], group: String, rules: [AlertRule]) -> Value {
    [
      "apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace), "labels": labels.merging(ScaleToZeroMonitoring.selectorLabels),
      ],
      "spec": ["groups": [["name": .string(group), "rules": .array(rules.map(\.manifest))]]],
    ]
  }
}
