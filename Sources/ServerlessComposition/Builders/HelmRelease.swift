/// provider-helm's namespaced `Release`.
enum HelmRelease {
  static let apiVersion = "helm.m.crossplane.io/v1beta1"

  /// A chart from a Helm repository (`repository`) or an OCI registry (`url`).
  struct Chart: Equatable, Sendable {
    var name: String
    var version: String
    var repository: String?
    var url: String?

    var value: Value {
      var chart: Value = ["name": .string(name), "version": .string(version)]
      if let repository { chart["repository"] = .string(repository) }
      if let url { chart["url"] = .string(url) }
      return chart
    }
  }

  /// Releases are created and upgraded but never deleted by provider-helm on their own
  /// (no Delete policy): the cluster going away removes them.
  static let managementPolicies: Value = ["Create", "Update", "Observe"]

  static func make(name: String, externalName: String, chart: Chart, namespace: String, values: Value?, providerConfig: String) -> Value {
    var forProvider: Value = ["chart": chart.value, "namespace": .string(namespace)]
    if let values { forProvider["values"] = values }
    return [
      "apiVersion": .string(apiVersion),
      "kind": "Release",
      "metadata": ["name": .string(name), "annotations": ["crossplane.io/external-name": .string(externalName)]],
      "spec": [
        "forProvider": forProvider,
        "managementPolicies": managementPolicies,
        "providerConfigRef": ["kind": "ProviderConfig", "name": .string(providerConfig)],
        "rollbackLimit": 3,
      ],
    ]
  }
}
