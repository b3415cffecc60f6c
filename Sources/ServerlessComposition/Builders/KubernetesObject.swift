/// provider-kubernetes' namespaced `Object`, which wraps a manifest applied to the target cluster.
enum KubernetesObject {
  static let apiVersion = "kubernetes.m.crossplane.io/v1alpha1"
  static let kind = "Object"

  /// - Parameters:
  ///   - name: the Object's name.
  ///   - manifest: the real object, applied by provider-kubernetes.
  ///   - providerConfig: the provider-kubernetes ProviderConfig that reaches the target cluster.
  ///   - externalName: the `crossplane.io/external-name` annotation, where the upstream KCL sets one.
  ///   - managementPolicies: set for objects that must never be deleted by the provider on its own.
  ///   - references: provider-kubernetes `spec.references` (fields patched in from other objects).
  ///   - watch: `spec.watch`, so the provider reports changes of the object at once (alpha: honoured
  ///     only with provider-kubernetes' watches feature flag).
  ///
  /// `spec.readiness` comes from the manifest's kind (`ObjectReadiness`): the Object is ready when what
  /// it wraps serves, not when it is applied.
  static func make(
    name: String, manifest: Value, providerConfig: String, externalName: String? = nil, managementPolicies: Value? = nil,
    references: Value? = nil, watch: Bool = false
  ) -> Value {
    var metadata: Value = ["name": .string(name)]
    if let externalName {
      metadata["annotations"] = ["crossplane.io/external-name": .string(externalName)]
    }
    var spec: Value = [
      "forProvider": ["manifest": manifest],
      "providerConfigRef": ["kind": "ProviderConfig", "name": .string(providerConfig)],
    ]
    if let readiness = ObjectReadiness.forManifest(manifest).value { spec["readiness"] = readiness }
    if let managementPolicies { spec["managementPolicies"] = managementPolicies }
    if let references { spec["references"] = references }
    if watch { spec["watch"] = true }
    return ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": metadata, "spec": spec]
  }
}
