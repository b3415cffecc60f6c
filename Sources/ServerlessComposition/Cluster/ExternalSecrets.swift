/// External Secrets: the operator, a ClusterSecretStore named after the cloud that reads the cloud's
/// secret manager, and an ExternalSecret per `externalSecrets.secrets[]` entry.
///
/// One deliberate difference from the KCL: `external-secrets.io/v1`, because the chart it installs
/// (2.0.0) no longer serves the KCL's v1beta1.
struct ExternalSecrets: ClusterApp {
  static let apiVersion = "external-secrets.io/v1"

  struct Secret {
    var fromSecret: String
    var toSecret: String
    var toNamespace: String
    var type: String
  }

  struct Settings {
    var enabled: Bool
    var store: Bool
    var googleCredentialsKey: String?
    var awsAccessKeyIDKey: String
    var awsSecretAccessKeyKey: String
    var azureVaultURL: String?
    var secrets: [Secret]
  }

  var app: PlatformApp { .externalSecrets }

  /// Read whenever present: the secrets are composed even with the operator off.
  func readSettings(_ fields: FieldReader, into spec: inout ClusterSpec) {
    guard fields.exists else { return }
    let secrets = Self.secrets(fields)
    ClusterSpec.requireUnique(
      secrets.map { ($0.index, $0.secret.toSecret) }, at: fields.fieldPath("secrets"), field: "toSecret", log: fields.log)
    spec.externalSecrets = Settings(
      enabled: fields.bool("enabled", default: false),
      store: fields.bool("store", default: false),
      googleCredentialsKey: fields.string("googleCredentialsKey"),
      awsAccessKeyIDKey: fields.string("awsAccessKeyIDKey", default: "accessKeyID"),
      awsSecretAccessKeyKey: fields.string("awsSecretAccessKeyKey", default: "secretAccessKey"),
      azureVaultURL: fields.string("azureVaultUrl"),
      secrets: secrets.map(\.secret))
  }

  /// The secrets that read, each with its index in the list.
  private static func secrets(_ fields: FieldReader) -> [(index: Int, secret: Secret)] {
    guard let raw = fields.raw("secrets") else { return [] }
    guard case .array(let items) = raw else {
      fields.report(.field(fields.fieldPath("secrets"), expected: "an array", got: raw))
      return []
    }
    return items.enumerated().compactMap { index, item in
      let secret = FieldReader(item, path: "\(fields.fieldPath("secrets"))[\(index)]", log: fields.log)
      guard secret.exists else {
        // A null item reads as absent, which the reader does not report on its own.
        if item == .null { secret.report(.field(secret.path, expected: "an object with fromSecret, toSecret and toNamespace", got: item)) }
        return nil
      }
      let toSecret = secret.requiredString("toSecret")
      if let toSecret, let problem = Naming.derivedNameProblem(toSecret, from: secret.fieldPath("toSecret")) { secret.report(problem) }
      let toNamespace = secret.requiredDNSLabel("toNamespace")
      let fromSecret = secret.requiredString("fromSecret")
      let type = secret.string("type", default: "Opaque")
      guard let toSecret, let toNamespace, let fromSecret else { return nil }
      return (index, Secret(fromSecret: fromSecret, toSecret: toSecret, toNamespace: toNamespace, type: type))
    }
  }

  func isComposed(in spec: ClusterSpec) -> Bool { spec.externalSecrets != nil }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    let spec = builder.spec
    guard let settings = spec.externalSecrets else { return }
    if settings.enabled {
      try builder.release(app: .externalSecrets, "external-secrets", namespace: "external-secrets", values: ["installCRDs": true])
      if settings.store {
        try Self.addStore(to: &builder, settings)
      }
    }
    // As the KCL does: the secrets are composed whenever listed, even with the operator off.
    for secret in settings.secrets {
      try builder.object(
        app: .externalSecrets, name: "\(spec.name)-secret-\(secret.toSecret)", externalName: secret.toSecret,
        manifest: [
          "apiVersion": .string(Self.apiVersion), "kind": "ExternalSecret",
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

  private static func addStore(to builder: inout ClusterBuilder, _ settings: Settings) throws(UserError) {
    let spec = builder.spec
    // ClusterSpec.validate has reported a store whose cloud settings are missing.
    guard let store = SecretStore(cloud: spec.cloud, settings: settings, credentials: spec.credentials) else { return }
    let provider: Value
    var references: Value? = nil
    switch store {
    case .google(let credentialsKey, let credentials):
      provider = [
        "gcpsm": [
          "auth": [
            "secretRef": [
              "secretAccessKeySecretRef": [
                "name": "gcp-creds", "key": .string(credentialsKey), "namespace": .string(credentials.namespace),
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
    case .azure(let vaultURL):
      provider = ["azurekv": ["authType": "ManagedIdentity", "vaultUrl": .string(vaultURL)]]
    case .aws(let credentials):
      func secretRef(_ key: String) -> Value {
        ["name": .string(credentials.name), "key": .string(key), "namespace": .string(credentials.namespace)]
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
      app: .externalSecrets, "secret-store", externalName: spec.cloud.rawValue,
      manifest: [
        "apiVersion": .string(apiVersion), "kind": "ClusterSecretStore", "metadata": ["name": .string(spec.cloud.rawValue)],
        "spec": ["provider": provider],
      ],
      references: references)
  }
}

/// What the ClusterSecretStore of each cloud reads its secret manager with.
enum SecretStore {
  /// Google Secret Manager, with the key of the GCP credentials in the `gcp-creds` Secret.
  case google(credentialsKey: String, credentials: ClusterSpec.Credentials)
  /// Azure Key Vault, through the cluster's managed identity.
  case azure(vaultURL: String)
  /// AWS Secrets Manager, with the keys of the credentials Secret.
  case aws(credentials: ClusterSpec.Credentials)

  /// nil when a setting the cloud's store needs is missing.
  init?(cloud: Cloud, settings: ExternalSecrets.Settings, credentials: ClusterSpec.Credentials?) {
    switch cloud {
    case .google:
      guard let key = settings.googleCredentialsKey, let credentials else { return nil }
      self = .google(credentialsKey: key, credentials: credentials)
    case .azure:
      guard let vaultURL = settings.azureVaultURL else { return nil }
      self = .azure(vaultURL: vaultURL)
    case .aws:
      guard let credentials else { return nil }
      self = .aws(credentials: credentials)
    }
  }
}
