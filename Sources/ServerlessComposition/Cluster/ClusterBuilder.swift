/// Builds the Cluster's composed resources with the naming, provider configs and Usages every app
/// shares, and remembers which resources make up which app for `status.apps`.
struct ClusterBuilder {
  let spec: ClusterSpec
  let charts: [String: FunctionInput.ChartOverride]
  /// The observed composed resources, for an app that waits on another resource before it installs.
  let observed: [String: Value]
  /// Starts from what the composition already holds (the infrastructure, in a one-step Cluster).
  private(set) var composed: Composed
  /// App (as `status.apps` names it) -> composition resource names of its Releases and Objects.
  private(set) var appResources: [String: [String]] = [:]

  init(spec: ClusterSpec, input: FunctionInput, observed: [String: Value] = [:], composed: Composed = Composed()) {
    self.spec = spec
    self.charts = input.charts
    self.observed = observed
    self.composed = composed
  }

  /// Every ProviderConfig on the new cluster is named after the XR.
  var providerConfig: String { spec.name }

  /// A Helm Release `<xr>-app-<release>` and its Usage.
  mutating func release(
    app: PlatformApp, _ release: String, namespace: String, values: Value? = nil
  ) throws(UserError) {
    let name = "\(spec.name)-app-\(release)"
    let body = HelmRelease.make(
      name: name, externalName: release, chart: ChartCatalog.chart(release, overrides: charts), namespace: namespace,
      values: values, providerConfig: providerConfig)
    try add(statusKey: app.rawValue, key: name, body: body, usageBy: (HelmRelease.apiVersion, HelmRelease.kind, name))
  }

  /// An Object `<xr>-app-<suffix>` wrapping `manifest`, with a Usage unless `usage` is false.
  mutating func object(
    app: PlatformApp, _ suffix: String, externalName: String? = nil, manifest: Value, managementPolicies: Value? = nil,
    references: Value? = nil, usage: Bool = true
  ) throws(UserError) {
    let name = "\(spec.name)-app-\(suffix)"
    try object(
      app: app, name: name, externalName: externalName ?? suffix, manifest: manifest, managementPolicies: managementPolicies,
      references: references, usage: usage)
  }

  /// An Object with a name of its own (namespaces, credentials and secrets are not `-app-` resources).
  mutating func object(
    app: PlatformApp?, name: String, externalName: String, manifest: Value, managementPolicies: Value? = nil,
    references: Value? = nil, usage: Bool
  ) throws(UserError) {
    let body = KubernetesObject.make(
      name: name, manifest: manifest, providerConfig: providerConfig, externalName: externalName,
      managementPolicies: managementPolicies, references: references)
    try add(
      statusKey: app?.rawValue, key: name, body: body, usageBy: usage ? (KubernetesObject.apiVersion, KubernetesObject.kind, name) : nil)
  }

  /// Adds a resource under `key`, counted in `status.apps.<statusKey>`; `usageBy` names the resource a
  /// Usage `<name>-usage` protects the cluster for (its metadata name, which for cilium differs from
  /// the key).
  mutating func add(
    statusKey: String?, key: String, body: Value, readiness: ReadinessPolicy = .whenObservedReady,
    usageBy: (apiVersion: String, kind: String, name: String)?
  ) throws(UserError) {
    if let problem = Naming.derivedNameProblem(key, from: "metadata.name") { throw problem }
    try composed.add(key, body, readiness: readiness)
    if let statusKey { appResources[statusKey, default: []].append(key) }
    guard let usageBy else { return }
    let usageName = "\(usageBy.name)-usage"
    let cluster = spec.cloud.clusterResource
    try composed.add(
      usageName,
      Usage.make(
        name: usageName, of: Usage.Reference(apiVersion: cluster.apiVersion, kind: cluster.kind, name: spec.name),
        by: Usage.Reference(apiVersion: usageBy.apiVersion, kind: usageBy.kind, name: usageBy.name)))
  }
}
