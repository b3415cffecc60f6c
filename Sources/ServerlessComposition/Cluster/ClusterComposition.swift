/// The Cluster XR's `apps` step: what makes a new cluster scale-to-zero ready (Envoy Gateway, KEDA and
/// its HTTP add-on, kube-prometheus-stack and the PodMonitor for Envoy's proxies) and the other
/// platform apps a team switches on, with the ProviderConfigs that reach the cluster, its namespaces,
/// and Usages that keep the cluster until everything on it is gone. Drop-in for the `apps` step of
/// vfarcic/crossplane-kubernetes; `Tests/parity/cases/cluster-*` pin the output.
enum ClusterComposition: XRComposition {
  static let kind = "Cluster"
  static let group = "devopstoolkit.ai"
  static let servedVersion = "v2"

  static func compose(xr: Value, input: FunctionInput, observed: [String: Value]) throws(UserError) -> Composed {
    let spec = try ClusterSpec(xr: xr, input: input)
    try ChartCatalog.requireKnown(input.charts)
    var builder = ClusterBuilder(spec: spec, input: input)

    try ProviderConfigs.add(to: &builder)
    try Cilium.add(to: &builder, observed: observed, xr: xr)
    try PlatformCharts.add(to: &builder)
    if let argo = spec.argoCD {
      try ArgoCD.add(to: &builder, argo)
    }
    if let externalSecrets = spec.externalSecrets {
      try ExternalSecrets.add(to: &builder, externalSecrets)
    }
    if spec.isEnabled("envoyGateway") {
      try EnvoyGateway.add(to: &builder)
    }
    if spec.isEnabled("keda") {
      try KEDA.add(to: &builder)
    }
    if spec.isEnabled("prometheus") {
      try Prometheus.add(to: &builder)
    }
    if spec.isEnabled("vllm") {
      try VLLMOperator.add(to: &builder)
    }
    try NamespacesAndCredentials.add(to: &builder)

    var composed = builder.composed
    composed.status["apps"] = appStatus(builder.appResources, observed: observed)
    return composed
  }

  /// `status.apps.<app>`: `Ready` once every Release and Object of the app is observed ready,
  /// `Installing` before; so `kubectl get` answers "is my cluster scale-to-zero ready".
  static func appStatus(_ apps: [String: [String]], observed: [String: Value]) -> Value {
    .object(
      apps.mapValues { names in
        let ready = names.allSatisfy { ReadinessPolicy.whenObservedReady.readiness(observed: observed[$0]) == .ready }
        return ready ? "Ready" : "Installing"
      })
  }
}
