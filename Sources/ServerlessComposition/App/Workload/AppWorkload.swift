/// The app itself: each revision's Deployment (its container's settings from `Container/`) and
/// Service, and the ExternalSecret that pulls its database credentials.
enum AppWorkload {
  /// The app's container in the pod template.
  static let containerName = "main"

  /// A revision's Deployment: the canary's differs from the stable one's only in its name, labels and tag.
  static func deployment(_ app: AppSpec, _ revision: Revision) -> Value {
    var container: Value = [
      "name": .string(containerName),
      "image": .string("\(app.image):\(revision.tag)"),
      "ports": [["containerPort": Value(app.port)]],
    ]
    var podSpec: Value = [:]
    let settings = app.container
    if let command = settings.command { container["command"] = .array(command.map(Value.string)) }
    if let args = settings.args { container["args"] = .array(args.map(Value.string)) }
    let env = EnvironmentVariables.env(app)
    if !env.isEmpty { container["env"] = .array(env) }
    let envFrom = EnvironmentVariables.envFrom(app)
    if !envFrom.isEmpty { container["envFrom"] = .array(envFrom) }
    AppMonitoring.nameMetricsPort(app, container: &container)
    settings.probes.apply(app, container: &container)
    settings.resources.apply(toPod: &podSpec, container: &container)
    MountedFile.apply(settings.files, toPod: &podSpec, container: &container)
    if settings.restricted { RestrictedSecurity.apply(toPod: &podSpec, container: &container) }
    if let serviceAccountName = app.serviceAccountName { podSpec["serviceAccountName"] = .string(serviceAccountName) }
    if !settings.imagePullSecrets.isEmpty {
      podSpec["imagePullSecrets"] = .array(settings.imagePullSecrets.map { ["name": .string($0)] })
    }
    app.rollout?.apply(toPod: &podSpec, container: &container)
    podSpec["containers"] = [container]
    var spec: Value = [
      "selector": ["matchLabels": revision.labels],
      "template": ["metadata": ["labels": revision.labels], "spec": podSpec],
    ]
    app.rollout?.apply(toDeployment: &spec, mayRunOnePodUncovered: app.minReplicas <= 1 && !app.scalesToZeroBehindGateway)
    // With scaling on, KEDA owns the replica count; a fixed one here would fight it on every apply.
    if !app.scalingEnabled { spec["replicas"] = Value(app.minReplicas) }
    return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": AppComposition.metadata(app, revision), "spec": spec]
  }

  static func service(_ app: AppSpec, _ revision: Revision) -> Value {
    [
      "apiVersion": "v1",
      "kind": "Service",
      "metadata": AppComposition.metadata(app, revision),
      "spec": [
        "type": "ClusterIP",
        "ports": [["name": "http", "port": Value(app.port), "protocol": "TCP", "targetPort": Value(app.port)]],
        "selector": revision.labels,
      ],
    ]
  }

  static func externalSecret(_ app: AppSpec, secret: String, store: String) -> Value {
    [
      "apiVersion": "external-secrets.io/v1",
      "kind": "ExternalSecret",
      "metadata": AppComposition.metadata(app),
      "spec": [
        "dataFrom": [
          [
            "extract": [
              "conversionStrategy": "Default", "decodingStrategy": "None", "key": .string(secret), "metadataPolicy": "None",
            ]
          ]
        ],
        "refreshInterval": "1h",
        "secretStoreRef": ["kind": "ClusterSecretStore", "name": .string(store)],
        "target": ["creationPolicy": "Owner", "deletionPolicy": "Retain", "name": .string(secret)],
      ],
    ]
  }
}
