/// The Cluster XR's `spec.parameters` (`devopstoolkit.ai/v2`), read and checked against
/// `examples/cluster/xrd.yaml` with the XRD's defaults applied the way the API server applies them.
/// Only what the apps step uses is read; the infrastructure step owns the rest (version, node sizes).
struct ClusterSpec {
  struct ArgoCD {
    var host: String
    var repoURL: String
    var destinationNamespace: String
    var sourcePath: String
  }

  struct ExternalSecret {
    var fromSecret: String
    var toSecret: String
    var toNamespace: String
    var type: String
  }

  struct ExternalSecrets {
    var enabled: Bool
    var store: Bool
    var googleCredentialsKey: String?
    var awsAccessKeyIDKey: String?
    var awsSecretAccessKeyKey: String?
    var azureVaultURL: String?
    var secrets: [ExternalSecret]
  }

  /// The KEDA HTTP add-on's interceptor, the shared path of every scale-to-zero App on the cluster.
  struct Interceptor {
    /// The keda-add-ons-http chart's own bounds (`interceptor.replicas.min`/`max`, 0.12.2 to 0.15).
    static let chartMinReplicas = 3
    static let chartMaxReplicas = 50

    var minReplicas: Int?
    var maxReplicas: Int?
    /// Seconds the interceptor holds a request while an app wakes, for HTTPScaledObjects without their own.
    var waitTimeout: Int?
  }

  struct Credentials {
    var name: String
    var namespace: String
    var keys: [String]
  }

  /// The XR's name: ProviderConfigs, the kubeconfig Secret and the cloud's cluster are named after it.
  var name: String
  /// The XR's namespace, where the kubeconfig Secret `<name>-cluster` lives.
  var namespace: String
  var cloud: Cloud
  /// Apps switched on by `spec.parameters.apps.<app>.enabled`.
  var enabled: Set<String>
  var argoCD: ArgoCD?
  var externalSecrets: ExternalSecrets?
  /// nil when `spec.parameters.apps.keda.interceptor` is absent: the chart's own values.
  var interceptor: Interceptor?
  var namespaces: [String]
  var credentials: Credentials?

  func isEnabled(_ app: String) -> Bool { enabled.contains(app) }

  /// The apps whose only setting is `enabled`, besides argocd and externalSecrets.
  static let simpleApps = [
    "crossplane", "openfunction", "dapr", "traefik", "nvidia", "vllm", "keda", "envoyGateway", "prometheus", "aiGateway",
  ]

  /// Reads every part, collecting all problems before throwing (see `ProblemList`).
  init(xr: Value, input: FunctionInput) throws(UserError) {
    var problems = ProblemList()
    let metadata = try Fields(xr["metadata"], path: "metadata")
    name = problems.check { () throws(UserError) in try metadata.requiredDNSLabel("name") } ?? ""
    namespace = problems.check { () throws(UserError) in try metadata.requiredDNSLabel("namespace") } ?? ""
    cloud = problems.check { () throws(UserError) in try Cloud.resolve(input: input, xr: xr) } ?? .aws

    let spec = try Fields(xr["spec"], path: "spec")
    let parameters = try spec.child("parameters")
    guard parameters.exists else {
      // Nothing below can be read: stop here with what is known so far.
      problems.add(.field("spec.parameters", expected: "an object (the field is required)", got: nil))
      throw problems.error
    }

    let apps = try parameters.child("apps")
    var enabled: Set<String> = []
    for app in Self.simpleApps + ["argocd", "externalSecrets"] {
      if problems.check({ () throws(UserError) in try apps.child(app).bool("enabled", default: false) }) == true {
        enabled.insert(app)
      }
    }
    self.enabled = enabled

    if enabled.contains("argocd") {
      argoCD = problems.check { () throws(UserError) in
        let argo = try apps.child("argocd")
        return ArgoCD(
          host: try argo.string("host", default: "acme.com")!,
          repoURL: try argo.string("repoURL", default: "https://github.com/vfarcic/SOMETHING")!,
          destinationNamespace: try argo.string("destinationNamespace", default: "argo-cd")!,
          sourcePath: try argo.string("sourcePath", default: ".")!)
      }
    }

    externalSecrets = problems.check { () throws(UserError) in try Self.externalSecrets(apps.child("externalSecrets")) } ?? nil
    interceptor = problems.check { () throws(UserError) in try Self.interceptor(apps.child("keda").child("interceptor")) } ?? nil
    namespaces =
      problems.check { () throws(UserError) in
        let namespaces = try Self.strings(parameters, "namespaces", default: ["dev", "production"]) ?? []
        for (index, namespace) in namespaces.enumerated() {
          try Naming.requireDNSLabel(namespace, at: "spec.parameters.namespaces[\(index)]")
        }
        try Self.requireUnique(namespaces, at: "spec.parameters.namespaces")
        return namespaces
      } ?? []

    credentials =
      problems.check { () throws(UserError) in
        let creds = try parameters.child("creds")
        guard creds.exists else { return nil }
        return Credentials(
          name: try creds.requiredString("name"),
          namespace: try creds.string("namespace", default: "crossplane-system")!,
          keys: try Self.strings(creds, "keys") ?? [])
      } ?? nil
    try problems.throwIfAny()
    try checkCombinations()
  }

  private static func externalSecrets(_ fields: Fields) throws(UserError) -> ExternalSecrets? {
    guard fields.exists else { return nil }
    var secrets: [ExternalSecret] = []
    switch fields.raw("secrets") {
    case nil: break
    case .array(let items)?:
      for (index, item) in items.enumerated() {
        let secret = try Fields(item, path: "\(fields.fieldPath("secrets"))[\(index)]")
        guard secret.exists else {
          throw .field(secret.path, expected: "an object with fromSecret, toSecret and toNamespace", got: item)
        }
        let toSecret = try secret.requiredString("toSecret")
        try Naming.requireDerivedName(toSecret, from: secret.fieldPath("toSecret"))
        let toNamespace = try secret.requiredString("toNamespace")
        try Naming.requireDNSLabel(toNamespace, at: secret.fieldPath("toNamespace"))
        secrets.append(
          ExternalSecret(
            fromSecret: try secret.requiredString("fromSecret"), toSecret: toSecret, toNamespace: toNamespace,
            type: try secret.string("type", default: "Opaque")!))
      }
    case let other?:
      throw .field(fields.fieldPath("secrets"), expected: "an array", got: other)
    }
    try requireUnique(secrets.map(\.toSecret), at: fields.fieldPath("secrets"), field: "toSecret")
    return ExternalSecrets(
      enabled: try fields.bool("enabled", default: false)!,
      store: try fields.bool("store") ?? false,
      googleCredentialsKey: try fields.string("googleCredentialsKey"),
      awsAccessKeyIDKey: try fields.string("awsAccessKeyIDKey", default: "accessKeyID"),
      awsSecretAccessKeyKey: try fields.string("awsSecretAccessKeyKey", default: "secretAccessKey"),
      azureVaultURL: try fields.string("azureVaultUrl"),
      secrets: secrets)
  }

  private static func interceptor(_ fields: Fields) throws(UserError) -> Interceptor? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    let minReplicas = problems.check { () throws(UserError) in try fields.int("minReplicas", min: 1, max: 1000) } ?? nil
    let maxReplicas = problems.check { () throws(UserError) in try fields.int("maxReplicas", min: 1, max: 1000) } ?? nil
    let waitTimeout = problems.check { () throws(UserError) in try fields.duration("waitTimeout", max: 3600) } ?? nil
    // A bound left out keeps the chart's (3 and 50): the pair must still hold, or KEDA rejects the
    // interceptor's own ScaledObject and every scale-to-zero app loses its path.
    let (low, high) = (minReplicas ?? Interceptor.chartMinReplicas, maxReplicas ?? Interceptor.chartMaxReplicas)
    if (minReplicas != nil || maxReplicas != nil) && low > high {
      problems.add(
        UserError(
          "\(fields.path): minReplicas \(low) is above maxReplicas \(high) (a bound left out is the chart's, "
            + "\(Interceptor.chartMinReplicas) and \(Interceptor.chartMaxReplicas)); "
            + "set both so that minReplicas <= maxReplicas", path: fields.fieldPath(minReplicas != nil ? "minReplicas" : "maxReplicas")))
    }
    try problems.throwIfAny()
    return Interceptor(minReplicas: minReplicas, maxReplicas: maxReplicas, waitTimeout: waitTimeout)
  }

  /// Each entry names a composed resource, so two equal entries would collide: say which one repeats.
  private static func requireUnique(_ values: [String], at path: String, field: String? = nil) throws(UserError) {
    var seen: [String: Int] = [:]
    for (index, value) in values.enumerated() {
      if let first = seen[value] {
        let at = field.map { "\(path)[\(index)].\($0)" } ?? "\(path)[\(index)]"
        throw UserError("\(at): \(UserError.quoted(value)) repeats \(path)[\(first)]; list each one once")
      }
      seen[value] = index
    }
  }

  /// An array of strings at `key`.
  private static func strings(_ fields: Fields, _ key: String, default defaultValue: [String]? = nil) throws(UserError) -> [String]? {
    guard fields.exists else { return nil }
    guard let raw = fields.raw(key) else { return defaultValue }
    guard case .array(let items) = raw else { throw .field(fields.fieldPath(key), expected: "an array of strings", got: raw) }
    var strings: [String] = []
    for (index, item) in items.enumerated() {
      guard case .string(let s) = item else {
        throw .field("\(fields.fieldPath(key))[\(index)]", expected: "a string", got: item)
      }
      strings.append(s)
    }
    return strings
  }

  /// Settings that only work together, every one reported.
  private func checkCombinations() throws(UserError) {
    var problems = ProblemList()
    if isEnabled("aiGateway") && !isEnabled("envoyGateway") {
      problems.add(
        UserError(
          "spec.parameters.apps.aiGateway.enabled: the AI gateway extends Envoy Gateway; "
            + "set spec.parameters.apps.envoyGateway.enabled to true as well, or turn the AI gateway off"))
    }
    if interceptor != nil && !isEnabled("keda") {
      problems.add(
        UserError(
          "spec.parameters.apps.keda.interceptor: sizes the HTTP add-on that comes with KEDA; "
            + "set spec.parameters.apps.keda.enabled to true, or remove it", path: "spec.parameters.apps.keda.interceptor"))
    }
    if let externalSecrets, externalSecrets.enabled, externalSecrets.store {
      let store = "spec.parameters.apps.externalSecrets.store"
      switch cloud {
      case .google where externalSecrets.googleCredentialsKey == nil:
        problems.add(UserError("\(store) on google needs spec.parameters.apps.externalSecrets.googleCredentialsKey (the key of the GCP credentials in the gcp-creds Secret)"))
      case .azure where externalSecrets.azureVaultURL == nil:
        problems.add(UserError("\(store) on azure needs spec.parameters.apps.externalSecrets.azureVaultUrl (the Key Vault URL)"))
      case .aws where credentials == nil, .google where credentials == nil:
        problems.add(UserError("\(store) on \(cloud.rawValue) needs spec.parameters.creds (the Secret with the cloud credentials the store reads)"))
      default:
        break
      }
    }
    try problems.throwIfAny()
  }
}
