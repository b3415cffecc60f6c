/// provider-helm's namespaced `Release`.
enum HelmRelease {
  static let apiVersion = "helm.m.crossplane.io/v1beta1"
  static let kind = "Release"

  /// A chart from a Helm repository (`repository`) or an OCI registry or tarball (`url`).
  struct Chart: Equatable, Sendable {
    var name: String
    var version: String?
    var repository: String?
    var url: String?

    var value: Value {
      var chart: Value = ["name": .string(name)]
      if let version { chart["version"] = .string(version) }
      if let repository { chart["repository"] = .string(repository) }
      if let url { chart["url"] = .string(url) }
      return chart
    }
  }

  /// Create, upgrade and observe, but never delete on its own: the cluster going away removes it.
  static let createUpdateObserve: Value = ["Create", "Update", "Observe"]

  static func make(
    name: String, externalName: String, chart: Chart, namespace: String, values: Value? = nil, set: Value? = nil,
    managementPolicies: Value? = createUpdateObserve, providerConfig: String
  ) -> Value {
    var forProvider: Value = ["chart": chart.value, "namespace": .string(namespace)]
    if let values { forProvider["values"] = values }
    if let set { forProvider["set"] = set }
    var spec: Value = [
      "forProvider": forProvider,
      "providerConfigRef": ["kind": "ProviderConfig", "name": .string(providerConfig)],
      "rollbackLimit": 3,
    ]
    if let managementPolicies { spec["managementPolicies"] = managementPolicies }
    return [
      "apiVersion": .string(apiVersion),
      "kind": .string(kind),
      "metadata": ["name": .string(name), "annotations": ["crossplane.io/external-name": .string(externalName)]],
      "spec": spec,
    ]
  }
}
