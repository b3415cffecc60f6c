/// The platform's alerts on scale to zero, one PrometheusRule for every App on the cluster, from
/// metrics the pinned versions export (KEDA 2.19's operator, the HTTP add-on 0.12's interceptor,
/// kube-state-metrics, with its custom resource state for KEDA's and CloudNativePG's objects). Each
/// has a runbook in docs/observability.md and a `promtool test rules` unit test in Tests/alerts/.
enum PlatformAlerts {
  static let name = "scale-to-zero"

  static let alerts = [
    // KEDA's own `namespace` label is `exported_namespace` once Prometheus has scraped it (the
    // ServiceMonitor's target has a `namespace` of its own, `keda`).
    AlertRule(
      name: "KEDAScalerErrors",
      expression: #"label_replace(sum by (exported_namespace, scaledObject, scaler) (increase(keda_scaler_detail_errors_total[5m])), "#
        + #""namespace", "$1", "exported_namespace", "(.*)") > 0"#,
      duration: "5m",
      summary: "KEDA's {{ $labels.scaler }} of {{ $labels.namespace }}/{{ $labels.scaledObject }} fails: the app does not scale on it"),
    // The interceptor's own failures (a wait that ran out, an app it cannot reach) are 502; an app's
    // own 5xx pass through it and are the app's business.
    AlertRule(
      name: "InterceptorFailingRequests",
      expression: #"sum by (host) (rate(interceptor_request_count_total{code="502"}[5m])) > 0"#,
      duration: "5m",
      summary: "The KEDA HTTP interceptor answers 502 for {{ $labels.host }}: requests time out waiting for the app, or cannot reach it"),
    AlertRule(
      name: "ScaleToZeroFlapping",
      expression: "sum by (namespace, deployment) (changes((kube_deployment_spec_replicas == bool 0)[1h:1m])) > 8",
      duration: "0m",
      summary:
        "{{ $labels.namespace }}/{{ $labels.deployment }} went to zero and woke more than 4 times in an hour: every wake is a cold start"),
    // An App's database is the CloudNativePG Cluster named after it, beside its Deployment.
    AlertRule(
      name: "DatabaseHibernatedWhileServing",
      expression: #"max by (namespace, cluster) (kube_customresource_cnpg_cluster_condition{type="cnpg.io/hibernation"}) == 1"#
        + #" and on (namespace, cluster) label_replace(sum by (namespace, deployment) (kube_deployment_status_replicas_ready) > 0,"#
        + #" "cluster", "$1", "deployment", "(.+)")"#,
      duration: "5m",
      summary: "The database of {{ $labels.namespace }}/{{ $labels.cluster }} is hibernated while the app has ready pods"),
    // The function lifts the pause as soon as the rollout is done; a rollout gives up after 10 minutes.
    AlertRule(
      name: "RolloutStuckWithScaleInPaused",
      expression: #"max by (namespace, scaledobject) (kube_customresource_scaledobject_paused_scale_in{paused="true"}) == 1"#,
      duration: "30m",
      summary: "KEDA has held {{ $labels.namespace }}/{{ $labels.scaledobject }}'s scale-in for 30 minutes: its rollout does not finish"),
  ]

  static func rule(namespace: String) -> Value {
    AlertRule.prometheusRule(name: name, namespace: namespace, group: name, rules: alerts)
  }
}
