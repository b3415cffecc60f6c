/// The scale-to-zero dashboards, as ConfigMaps kube-prometheus-stack's Grafana loads (its sidecar
/// watches every namespace for the label `grafana_dashboard: "1"`): the platform's, over every App,
/// and the App's, one App at a time (its `namespace` and `app` variables). Only metrics the pinned
/// versions export, named in docs/observability.md; every query is checked by promtool in
/// Tests/alerts/check_alerts.py.
enum Dashboards {
  struct Panel {
    var title: String
    /// PromQL and the legend of each series.
    var queries: [(expression: String, legend: String)]
    var unit: String
  }

  /// The route's Envoy clusters, by the dashboard's variables. KEDA's series carry the App's namespace
  /// as `exported_namespace` (Prometheus keeps the scrape target's `namespace`, `keda`).
  static let appRoute = #"envoy_cluster_name=~"httproute/$namespace/$app/rule/.*""#

  static let platform: (uid: String, title: String, panels: [Panel]) = (
    "scale-to-zero-platform", "Scale to zero: platform",
    [
      Panel(
        title: "Apps awake (a KEDA trigger active)",
        queries: [("count(max by (exported_namespace, scaledObject) (keda_scaler_active) > 0)", "awake")], unit: "short"),
      Panel(
        title: "Apps at zero (no trigger active)",
        queries: [("count(max by (exported_namespace, scaledObject) (keda_scaler_active) == 0)", "at zero")], unit: "short"),
      Panel(
        title: "Wakes in the last hour",
        queries: [
          ("sum by (namespace, deployment) (changes((kube_deployment_spec_replicas == bool 0)[1h:1m])) / 2", "{{namespace}}/{{deployment}}")
        ], unit: "short"),
      Panel(
        title: "Requests held by the interceptor",
        queries: [("sum by (host) (interceptor_pending_request_count)", "{{host}}")], unit: "short"),
      Panel(
        title: "Interceptor answers by code",
        queries: [("sum by (code) (rate(interceptor_request_count_total[5m]))", "{{code}}")], unit: "reqps"),
      Panel(
        title: "Interceptor errors and timeouts (5xx)",
        queries: [(#"sum by (host, code) (rate(interceptor_request_count_total{code=~"5.."}[5m]))"#, "{{host}} {{code}}")], unit: "reqps"),
      Panel(
        title: "KEDA scaler errors",
        queries: [
          (
            "sum by (namespace, scaledObject, scaler) (rate(keda_scaler_detail_errors_total[5m]))",
            "{{namespace}}/{{scaledObject}} {{scaler}}"
          )
        ], unit: "short"),
      Panel(
        title: "KEDA scaler latency",
        queries: [
          (
            "max by (exported_namespace, scaledObject, scaler) (keda_scaler_metrics_latency_seconds)",
            "{{exported_namespace}}/{{scaledObject}} {{scaler}}"
          )
        ], unit: "s"),
    ]
  )

  static let app: (uid: String, title: String, panels: [Panel]) = (
    "scale-to-zero-app", "Scale to zero: App",
    [
      Panel(title: "Requests", queries: [("sum(rate(envoy_cluster_upstream_rq_total{\(appRoute)}[2m]))", "requests/s")], unit: "reqps"),
      Panel(
        title: "Latency, including a cold start's wait",
        queries: [
          ("histogram_quantile(0.5, sum by (le) (rate(envoy_cluster_upstream_rq_time_bucket{\(appRoute)}[5m])))", "p50"),
          ("histogram_quantile(0.99, sum by (le) (rate(envoy_cluster_upstream_rq_time_bucket{\(appRoute)}[5m])))", "p99"),
        ], unit: "ms"),
      Panel(
        title: "Replicas against the bounds",
        queries: [
          (#"sum(kube_deployment_spec_replicas{namespace="$namespace", deployment=~"$app|$app-canary"})"#, "desired"),
          (#"sum(kube_deployment_status_replicas_ready{namespace="$namespace", deployment=~"$app|$app-canary"})"#, "ready"),
          (#"max(kube_horizontalpodautoscaler_spec_min_replicas{namespace="$namespace", horizontalpodautoscaler="keda-hpa-$app"})"#, "min"),
          (#"max(kube_horizontalpodautoscaler_spec_max_replicas{namespace="$namespace", horizontalpodautoscaler="keda-hpa-$app"})"#, "max"),
        ], unit: "short"),
      Panel(
        title: "Cold starts in the last hour",
        queries: [
          (#"sum(changes((kube_deployment_spec_replicas{namespace="$namespace", deployment="$app"} == bool 0)[1h:1m])) / 2"#, "wakes")
        ],
        unit: "short"),
      Panel(
        title: "Requests held while it wakes",
        queries: [(#"sum(interceptor_pending_request_count{host="$namespace/$app"})"#, "held")], unit: "short"),
      Panel(
        title: "KEDA triggers active",
        queries: [(#"max by (scaler) (keda_scaler_active{exported_namespace="$namespace", scaledObject="$app"})"#, "{{scaler}}")],
        unit: "short"),
      Panel(
        title: "Database hibernated, scale-in paused",
        queries: [
          (
            #"max(kube_customresource_cnpg_cluster_condition{namespace="$namespace", cluster="$app", type="cnpg.io/hibernation"})"#,
            "database hibernated"
          ),
          (
            #"max(kube_customresource_scaledobject_paused_scale_in{namespace="$namespace", scaledobject="$app", paused="true"})"#,
            "scale-in paused"
          ),
        ], unit: "short"),
    ]
  )

  static func configMap(_ dashboard: (uid: String, title: String, panels: [Panel]), variables: [String], namespace: String) -> Value {
    [
      "apiVersion": "v1", "kind": "ConfigMap",
      "metadata": ["name": .string(dashboard.uid), "namespace": .string(namespace), "labels": ["grafana_dashboard": "1"]],
      "data": ["\(dashboard.uid).json": .string(json(dashboard, variables: variables).jsonText)],
    ]
  }

  /// A Grafana dashboard (schema 39): a Prometheus datasource variable, the query variables, and the
  /// panels two to a row.
  static func json(_ dashboard: (uid: String, title: String, panels: [Panel]), variables: [String]) -> Value {
    let datasource: Value = ["type": "prometheus", "uid": "${datasource}"]
    var templates: [Value] = [
      ["name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus", "current": [:], "hide": 0]
    ]
    for variable in variables {
      let query =
        variable == "namespace"
        ? "label_values(keda_scaler_active, exported_namespace)"
        : #"label_values(keda_scaler_active{exported_namespace="$namespace"}, scaledObject)"#
      templates.append([
        "name": .string(variable), "label": .string(variable), "type": "query", "datasource": datasource,
        "query": ["query": .string(query), "refId": .string("\(variable)-values")], "definition": .string(query), "refresh": 2,
        "current": [:], "hide": 0,
      ])
    }
    let panels: [Value] = dashboard.panels.enumerated().map { index, panel in
      [
        "id": Value(index + 1), "type": "timeseries", "title": .string(panel.title), "datasource": datasource,
        "gridPos": ["h": 8, "w": 12, "x": Value(index % 2 * 12), "y": Value(index / 2 * 8)],
        "fieldConfig": ["defaults": ["unit": .string(panel.unit)], "overrides": []],
        "targets": .array(
          panel.queries.enumerated().map { queryIndex, query in
            [
              "refId": .string(String(UnicodeScalar(UInt8(65 + queryIndex)))), "expr": .string(query.expression),
              "legendFormat": .string(query.legend), "datasource": datasource,
            ]
          }),
      ]
    }
    return [
      "uid": .string(dashboard.uid), "title": .string(dashboard.title), "tags": ["scale-to-zero", "keda"], "schemaVersion": 39,
      "editable": true, "time": ["from": "now-6h", "to": "now"], "refresh": "30s",
      "templating": ["list": .array(templates)], "panels": .array(panels),
    ]
  }
}
