/// The Cluster XR's `spec.parameters` (`devopstoolkit.ai/v2`) as the apps part uses it, read and
/// checked against `examples/cluster/xrd.yaml` with the XRD's defaults applied the way the API server
/// applies them. Each platform app reads its own settings (`ClusterApp.readSettings`); the
/// infrastructure part reads the rest (`InfrastructureSpec`).
struct ClusterSpec {
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
  var enabled: Set<PlatformApp> = []
  /// `apps.argocd`, read when Argo CD is on.
  var argoCD: ArgoCD.Settings?
  /// `apps.externalSecrets`, read whenever present.
  var externalSecrets: ExternalSecrets.Settings?
  /// nil when `spec.parameters.apps.keda.interceptor` is absent: the chart's own values.
  var interceptor: KEDA.Interceptor?
  /// `spec.parameters.nodeAutoscaling`, for the Cluster Autoscaler's chart on EKS.
  var nodeAutoscaling = NodeAutoscaling(enabled: false, unneededMinutes: NodeAutoscaling.defaultUnneededMinutes, utilizationThreshold: 0)
  /// `spec.parameters.monitoring.enabled` (opt-in), which acts with KEDA and Prometheus both on.
  var monitoring = false
  /// `apps.vpa.admissionController`: the VPA sets new pods' requests (Apps in `Initial` mode).
  var vpaAdmissionController = false
  var namespaces: [String] = []
  var credentials: Credentials?

  func isEnabled(_ app: PlatformApp) -> Bool { enabled.contains(app) }

  /// Prometheus scrapes KEDA and the interceptor and holds the platform's alerts (`ScaleToZeroMonitoring`);
  /// `validate` makes sure KEDA and Prometheus are on with it.
  var monitorsScaleToZero: Bool { monitoring }

  /// Reads every field, then checks them together; each phase reports all its problems at once.
  init(xr: Value, input: FunctionInput) throws(UserError) {
    let log = ProblemLog()
    let identity = ClusterIdentity.read(xr, input: input, log: log, withNamespace: true)
    // Placeholders until `finish`, which throws if any of the three failed to read.
    (name, namespace, cloud) = (identity.name ?? "", identity.namespace ?? "", identity.cloud ?? .aws)
    let parameters = try ClusterIdentity.parameters(xr, log: log)

    let apps = parameters.child("apps")
    for app in PlatformApp.allCases where apps.child(app.rawValue).bool("enabled", default: app.isOnByDefault) {
      enabled.insert(app)
    }
    for clusterApp in ClusterApps.all {
      clusterApp.readSettings(apps.child(clusterApp.app.rawValue), into: &self)
    }
    nodeAutoscaling = NodeAutoscaling.read(parameters)
    monitoring = parameters.child("monitoring").bool("enabled", default: false)
    let namespaces = parameters.strings("namespaces") ?? ["dev", "production"]
    let invalid = namespaces.enumerated().lazy.compactMap { index, namespace in
      Naming.dnsLabelProblem(namespace, at: "spec.parameters.namespaces[\(index)]")
    }.first
    if let invalid {
      log.add(invalid)
    } else {
      Self.requireUnique(Array(namespaces.enumerated()), at: "spec.parameters.namespaces", log: log)
    }
    self.namespaces = namespaces
    credentials = Self.credentials(parameters.child("creds"))
    (name, namespace, cloud) = try log.finish(identity.name, identity.namespace, identity.cloud)
    validate(log)
    try log.finish()
  }

  private static func credentials(_ creds: FieldReader) -> Credentials? {
    guard creds.exists else { return nil }
    let name = creds.requiredString("name")
    let namespace = creds.string("namespace", default: "crossplane-system")
    let keys = creds.strings("keys") ?? []
    return name.map { Credentials(name: $0, namespace: namespace, keys: keys) }
  }

  /// Each entry names a composed resource, so two equal entries would collide: say which one repeats.
  /// - Parameter values: each value with its index in the list at `path`.
  static func requireUnique(_ values: [(offset: Int, element: String)], at path: String, field: String? = nil, log: ProblemLog) {
    var seen: [String: Int] = [:]
    for (index, value) in values {
      if let first = seen[value] {
        let at = field.map { "\(path)[\(index)].\($0)" } ?? "\(path)[\(index)]"
        log.add(UserError("\(at): \(UserError.quoted(value)) repeats \(path)[\(first)]; list each one once"))
        return
      }
      seen[value] = index
    }
  }

  /// Settings that only work together, every one reported.
  private func validate(_ log: ProblemLog) {
    log.require(
      !monitoring || (isEnabled(.keda) && isEnabled(.prometheus)),
      UserError(
        "spec.parameters.monitoring.enabled: watches KEDA and its HTTP add-on from kube-prometheus-stack's Prometheus; set "
          + "spec.parameters.apps.keda.enabled and spec.parameters.apps.prometheus.enabled to true as well, or turn it off",
        path: "spec.parameters.monitoring.enabled"))
    log.require(
      !isEnabled(.aiGateway) || isEnabled(.envoyGateway),
      UserError(
        "spec.parameters.apps.aiGateway.enabled: the AI gateway extends Envoy Gateway; "
          + "set spec.parameters.apps.envoyGateway.enabled to true as well, or turn the AI gateway off"))
    log.require(
      interceptor == nil || isEnabled(.keda),
      UserError(
        "spec.parameters.apps.keda.interceptor: sizes the HTTP add-on that comes with KEDA; "
          + "set spec.parameters.apps.keda.enabled to true, or remove it", path: "spec.parameters.apps.keda.interceptor"))
    if let externalSecrets, externalSecrets.enabled, externalSecrets.store {
      let store = "spec.parameters.apps.externalSecrets.store"
      switch cloud {
      case .google where externalSecrets.googleCredentialsKey == nil:
        log.add(
          UserError(
            "\(store) on google needs spec.parameters.apps.externalSecrets.googleCredentialsKey (the key of the GCP credentials in the gcp-creds Secret)"
          ))
      case .azure where externalSecrets.azureVaultURL == nil:
        log.add(UserError("\(store) on azure needs spec.parameters.apps.externalSecrets.azureVaultUrl (the Key Vault URL)"))
      case .aws where credentials == nil, .google where credentials == nil:
        log.add(
          UserError("\(store) on \(cloud.rawValue) needs spec.parameters.creds (the Secret with the cloud credentials the store reads)"))
      default:
        break
      }
    }
  }
}
