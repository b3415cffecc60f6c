/// The Cluster XR: the cloud's infrastructure (`Infrastructure/`) and the apps that make the new
/// cluster scale-to-zero ready (Envoy Gateway, KEDA and its HTTP add-on, kube-prometheus-stack and
/// the PodMonitor for Envoy's proxies) plus the other platform apps a team switches on, with the
/// ProviderConfigs that reach the cluster, its namespaces, and Usages that keep the cluster until
/// everything on it is gone. The step input's `parts` says which of the two this step composes
/// (`ClusterPart`). Drop-in for the steps of vfarcic/crossplane-kubernetes; `Tests/parity/cases/cluster-*`
/// and `Tests/parity/infra/` pin the output.
enum ClusterComposition: XRComposition {
  static let kind = "Cluster"
  static let group = "devopstoolkit.ai"
  static let servedVersion = "v2"

  static func compose(_ context: CompositionContext) throws(UserError) -> Composed {
    let (xr, input) = (context.xr, context.input)
    let parts = Set(input.parts)
    // Both parts are read before either composes, so that one Fatal lists every problem.
    let log = ProblemLog()
    func read<Spec>(_ body: () throws(UserError) -> Spec) -> Spec? {
      do {
        return try body()
      } catch {
        log.add(error)
        return nil
      }
    }
    let infrastructure =
      parts.contains(.infrastructure) ? read { () throws(UserError) in try InfrastructureSpec(xr: xr, input: input) } : nil
    var apps: ClusterSpec?
    if parts.contains(.apps) {
      apps = read { () throws(UserError) in try ClusterSpec(xr: xr, input: input) }
      ChartCatalog.requireKnown(input.charts, log: log)
    }
    try log.finish()

    var composed = Composed()
    if let infrastructure {
      try Infrastructure.add(to: &composed, infrastructure, observed: context.observed, lastStatus: xr["status"])
      let providerConfigs = UsageProviderConfigs(xrName: infrastructure.name, parts: parts, context: context)
      composed.conditions.append(providerConfigs.condition)
      if context.fetchesRequiredResources { composed.requirements.resources = providerConfigs.requirements }
    }
    if let apps {
      try composeApps(apps, input: input, xr: xr, observed: context.observed, into: &composed)
    }
    return composed
  }

  /// The apps part.
  static func composeApps(
    _ spec: ClusterSpec, input: FunctionInput, xr: Value, observed: [String: Value], into composed: inout Composed
  ) throws(UserError) {
    var builder = ClusterBuilder(spec: spec, input: input, observed: observed, composed: composed)
    try ProviderConfigs.add(to: &builder)
    try Cilium.add(to: &builder, observed: observed, xr: xr)
    for app in ClusterApps.all where app.isComposed(in: spec) {
      try app.compose(into: &builder)
    }
    try NamespacesAndCredentials.add(to: &builder)

    composed = builder.composed
    composed.status["apps"] = appStatus(builder.appResources, observed: observed)
    if spec.isEnabled(.envoyGateway) {
      composed.status["gateway"] = GatewayStatus.status(
        observed: observed[GatewayStatus.key(xr: spec.name)], last: xr["status"]?["gateway"])
    }
  }

  /// `status.apps.<app>`: `Ready` once every Release and Object of the app is observed ready,
  /// `Installing` before; so `kubectl get` answers "is my cluster scale-to-zero ready".
  static func appStatus(_ apps: [String: [String]], observed: [String: Value]) -> Value {
    .object(
      JSONObject(
        apps.mapValues { names in
          let ready = names.allSatisfy { ReadinessPolicy.whenObservedReady.readiness(observed: observed[$0]) == .ready }
          return ready ? "Ready" : "Installing"
        }))
  }
}
