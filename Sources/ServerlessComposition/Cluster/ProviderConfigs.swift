/// How provider-helm and provider-kubernetes reach the new cluster: through the kubeconfig Secret
/// `<xr>-cluster` the infrastructure step writes, plus a helm config for the control-plane cluster.
/// ProviderConfigs never get a Ready condition, so they are ready once observed.
enum ProviderConfigs {
  static func add(to builder: inout ClusterBuilder) throws(UserError) {
    let spec = builder.spec
    var remote: Value = [
      "credentials": [
        "secretRef": ["key": "kubeconfig", "name": .string("\(spec.name)-cluster"), "namespace": .string(spec.namespace)],
        "source": "Secret",
      ]
    ]
    if spec.cloud == .google {
      remote["identity"] = [
        "type": "GoogleApplicationCredentials", "source": "Secret",
        "secretRef": ["name": "gcp-creds", "namespace": "crossplane-system", "key": "creds"],
      ]
    }
    func config(_ apiVersion: String, name: String, spec configSpec: Value) -> Value {
      [
        "apiVersion": .string(apiVersion), "kind": "ProviderConfig",
        "metadata": ["name": .string(name), "annotations": ["crossplane.io/external-name": .string(spec.name)]],
        "spec": configSpec,
      ]
    }
    try builder.add(
      statusKey: nil, key: "\(spec.name)-config-helm", body: config(HelmRelease.apiVersion, name: spec.name, spec: remote),
      readiness: .onceObserved, usageBy: nil)
    try builder.add(
      statusKey: nil, key: "\(spec.name)-config-helm-local",
      body: config(HelmRelease.apiVersion, name: "\(spec.name)-local", spec: ["credentials": ["source": "InjectedIdentity"]]),
      readiness: .onceObserved, usageBy: nil)
    try builder.add(
      statusKey: nil, key: "\(spec.name)-config-kubernetes", body: config(KubernetesObject.apiVersion, name: spec.name, spec: remote),
      readiness: .onceObserved, usageBy: nil)
  }
}
