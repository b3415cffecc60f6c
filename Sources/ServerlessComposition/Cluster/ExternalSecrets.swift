/// External Secrets: the operator, a ClusterSecretStore named after the cloud that reads the cloud's
/// secret manager, and an ExternalSecret per `externalSecrets.secrets[]` entry.
///
/// One deliberate difference from the KCL: `external-secrets.io/v1`, because the chart it installs
/// (2.0.0) no longer serves the KCL's v1beta1.
enum ExternalSecrets {
  static let apiVersion = "external-secrets.io/v1"

  static func add(to builder: inout ClusterBuilder, _ settings: ClusterSpec.ExternalSecrets) throws(UserError) {
    let spec = builder.spec
    if settings.enabled {
      try builder.release(app: "externalSecrets", "external-secrets", namespace: "external-secrets", values: ["installCRDs": true])
      if settings.store {
        try addStore(to: &builder, settings)
      }
    }
    // As the KCL does: the secrets are composed whenever listed, even with the operator off.
    for secret in settings.secrets {
      try builder.object(
        app: "externalSecrets", name: "\(spec.name)-secret-\(secret.toSecret)", externalName: secret.toSecret,
        manifest: [
          "apiVersion": .string(apiVersion), "kind": "ExternalSecret",
          "metadata": ["name": .string(secret.toSecret), "namespace": .string(secret.toNamespace)],
          "spec": [
            "refreshInterval": "1h",
            "secretStoreRef": ["kind": "ClusterSecretStore", "name": .string(spec.cloud.rawValue)],
            "target": ["name": .string(secret.toSecret), "creationPolicy": "Owner", "template": ["type": .string(secret.type)]],
            "dataFrom": [["extract": ["key": .string(secret.fromSecret)]]],
          ],
        ],
        usage: true)
    }
  }

  private static func addStore(to builder: inout ClusterBuilder, _ settings: ClusterSpec.ExternalSecrets) throws(UserError) {
    let spec = builder.spec
    let provider: Value
    var references: Value? = nil
    // ClusterSpec has checked that each cloud's settings are present.
    switch spec.cloud {
    case .google:
      provider = [
        "gcpsm": [
          "auth": [
            "secretRef": [
              "secretAccessKeySecretRef": [
                "name": "gcp-creds", "key": .string(settings.googleCredentialsKey ?? ""),
                "namespace": .string(spec.credentials?.namespace ?? ""),
              ]
            ]
          ]
        ]
      ]
      // The GCP project comes from the control plane's provider-gcp configuration. The KCL names the
      // namespaced `ProviderConfig` without a namespace, which provider-kubernetes can never fetch (it
      // looks in exactly the namespace given); the cluster-scoped `ClusterProviderConfig` is the v2
      // equivalent of the cluster-scoped ProviderConfig it meant.
      references = [
        [
          "patchesFrom": [
            "apiVersion": "gcp.m.upbound.io/v1beta1", "kind": "ClusterProviderConfig", "name": "default",
            "fieldPath": "spec.projectID",
          ],
          "toFieldPath": "spec.provider.gcpsm.projectID",
        ]
      ]
    case .azure:
      provider = ["azurekv": ["authType": "ManagedIdentity", "vaultUrl": .string(settings.azureVaultURL ?? "")]]
    case .aws:
      func secretRef(_ key: String?) -> Value {
        [
          "name": .string(spec.credentials?.name ?? ""), "key": .string(key ?? ""),
          "namespace": .string(spec.credentials?.namespace ?? ""),
        ]
      }
      provider = [
        "aws": [
          "service": "SecretsManager", "region": "us-east-1",
          "auth": [
            "secretRef": [
              "accessKeyIDSecretRef": secretRef(settings.awsAccessKeyIDKey),
              "secretAccessKeySecretRef": secretRef(settings.awsSecretAccessKeyKey),
            ]
          ],
        ]
      ]
    }
    try builder.object(
      app: "externalSecrets", "secret-store", externalName: spec.cloud.rawValue,
      manifest: [
        "apiVersion": .string(apiVersion), "kind": "ClusterSecretStore", "metadata": ["name": .string(spec.cloud.rawValue)],
        "spec": ["provider": provider],
      ],
      references: references)
  }
}
