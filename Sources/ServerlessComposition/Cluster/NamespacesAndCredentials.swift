/// The namespaces the team asked for, and a copy of the cloud credentials Secret in the new cluster.
enum NamespacesAndCredentials {
  static func add(to builder: inout ClusterBuilder) throws(UserError) {
    let spec = builder.spec
    for namespace in spec.namespaces {
      try builder.object(
        app: nil, name: "\(spec.name)-ns-\(namespace)", externalName: namespace,
        manifest: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]],
        managementPolicies: HelmRelease.createUpdateObserve, usage: false)
    }
    guard let creds = spec.credentials else { return }
    // provider-kubernetes copies each key from the control plane's Secret into the new cluster's.
    let references: [Value] = creds.keys.map { key in
      [
        "patchesFrom": [
          "apiVersion": "v1", "kind": "Secret", "name": .string(creds.name), "namespace": .string(creds.namespace),
          "fieldPath": .string("data.\(key)"),
        ],
        "toFieldPath": .string("data.\(key)"),
      ]
    }
    try builder.object(
      app: nil, name: "\(spec.name)-creds", externalName: creds.name,
      manifest: [
        "apiVersion": "v1", "kind": "Secret", "metadata": ["name": .string(creds.name), "namespace": .string(creds.namespace)],
      ],
      references: .array(references), usage: true)
  }
}
