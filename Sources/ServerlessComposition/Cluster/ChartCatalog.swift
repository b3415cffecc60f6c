/// Every Helm chart the Cluster composition installs, with its pinned version: the one place to bump
/// a version. The step input's `spec.charts.<release>` overrides any of them per Composition.
enum ChartCatalog {
  typealias Chart = HelmRelease.Chart

  /// Keyed by release name (also the chart name and the Release's external name).
  static let charts: [String: Chart] = [
    "gateway-helm": Chart(name: "gateway-helm", version: "1.7.0", url: "oci://docker.io/envoyproxy/gateway-helm"),
    "ai-gateway-crds-helm": Chart(
      name: "ai-gateway-crds-helm", version: "0.5.0", url: "oci://docker.io/envoyproxy/ai-gateway-crds-helm"),
    "ai-gateway-helm": Chart(name: "ai-gateway-helm", version: "0.5.0", url: "oci://docker.io/envoyproxy/ai-gateway-helm"),
    "keda": Chart(name: "keda", version: "2.19.0", repository: "https://kedacore.github.io/charts"),
    "keda-add-ons-http": Chart(name: "keda-add-ons-http", version: "0.12.2", repository: "https://kedacore.github.io/charts"),
    "kube-prometheus-stack": Chart(
      name: "kube-prometheus-stack", version: "82.2.1", repository: "https://prometheus-community.github.io/helm-charts"),
    "crossplane": Chart(name: "crossplane", version: "2.1.4", repository: "https://charts.crossplane.io/stable"),
    "argo-cd": Chart(name: "argo-cd", version: "9.4.1", repository: "https://argoproj.github.io/argo-helm"),
    // OpenFunction publishes a tarball whose URL carries the version.
    "openfunction": Chart(name: "openfunction", url: "https://openfunction.github.io/charts/openfunction-v1.2.0-v0.7.0.tgz"),
    "dapr": Chart(name: "dapr", version: "1.16.8", repository: "https://dapr.github.io/helm-charts/"),
    "traefik": Chart(name: "traefik", version: "39.0.0", repository: "https://helm.traefik.io/traefik"),
    "external-secrets": Chart(name: "external-secrets", version: "2.0.0", repository: "https://charts.external-secrets.io"),
    "gpu-operator": Chart(name: "gpu-operator", version: "v25.10.1", repository: "https://helm.ngc.nvidia.com/nvidia"),
    "cilium": Chart(name: "cilium", version: "1.19.0", repository: "https://helm.cilium.io"),
    // Operator 1.30.0 (the chart's appVersion).
    "cloudnative-pg": Chart(name: "cloudnative-pg", version: "0.29.0", repository: "https://cloudnative-pg.github.io/charts"),
    // Metrics Server 0.8.1 (the chart's appVersion).
    "metrics-server": Chart(name: "metrics-server", version: "3.13.1", repository: "https://kubernetes-sigs.github.io/metrics-server/"),
    // Cluster Autoscaler 1.35.0 (the chart's appVersion); a chart of the cluster's own minor through
    // the step input's charts.cluster-autoscaler.version.
    "cluster-autoscaler": Chart(name: "cluster-autoscaler", version: "9.59.0", repository: "https://kubernetes.github.io/autoscaler"),
    // Vertical Pod Autoscaler 1.7.1 (the chart's appVersion).
    "vertical-pod-autoscaler": Chart(
      name: "vertical-pod-autoscaler", version: "0.11.0", repository: "https://kubernetes.github.io/autoscaler"),
  ]

  /// A step input that overrides a release this function does not install is a typo: say so rather
  /// than silently keep the pinned version.
  static func requireKnown(_ overrides: [String: FunctionInput.ChartOverride], log: ProblemLog) {
    guard let unknown = overrides.keys.sorted().first(where: { charts[$0] == nil }) else { return }
    log.add(
      UserError(
        "input.spec.charts.\(unknown): this function installs no release of that name; "
          + "use one of \(charts.keys.sorted().joined(separator: ", "))"))
  }

  /// The chart for `release`, with the step input's overrides applied field by field.
  static func chart(_ release: String, overrides: [String: FunctionInput.ChartOverride]) -> Chart {
    guard var chart = charts[release] else { preconditionFailure("no chart \(release) in the catalog") }
    if let override = overrides[release] {
      if let version = override.version { chart.version = version }
      if let repository = override.repository { chart.repository = repository }
      if let url = override.url { chart.url = url }
    }
    return chart
  }
}
