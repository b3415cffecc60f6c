/// The app itself: each revision's Deployment and Service, and the ExternalSecret that pulls its
/// database credentials.
enum AppWorkload {
  /// The app's container in the pod template.
  static let containerName = "main"

  /// A revision's Deployment: the canary's differs from the stable one's only in its name, labels and tag.
  static func deployment(_ app: AppSpec, _ revision: Revision) -> Value {
    let probe: Value = ["failureThreshold": 10, "httpGet": ["path": "/", "port": Value(app.port)]]
    var container: Value = [
      "name": .string(containerName),
      "image": .string("\(app.image):\(revision.tag)"),
      "livenessProbe": probe,
      "readinessProbe": probe,
      "ports": [["containerPort": Value(app.port)]],
      "resources": [
        "limits": ["cpu": "250m", "memory": "256Mi"],
        "requests": ["cpu": "125m", "memory": "128Mi"],
      ],
    ]
    let env = environment(app)
    if !env.isEmpty { container["env"] = .array(env) }

    var podSpec: Value = [:]
    if let serviceAccountName = app.serviceAccountName { podSpec["serviceAccountName"] = .string(serviceAccountName) }
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

  /// The frontend's backend URL and the database connection, read from the db Secret's keys.
  private static func environment(_ app: AppSpec) -> [Value] {
    var env: [Value] = []
    if let backendURL = app.backendURL {
      env.append(["name": "BACKEND_URL", "value": .string(backendURL)])
    }
    if app.database.cnpg != nil {
      let secret = app.names.databaseSecret
      for (name, key) in [
        ("DB_ENDPOINT", "host"), ("DB_PORT", "port"), ("DB_USERNAME", "username"), ("DB_PASSWORD", "password"),
        ("DB_NAME", "dbname"), ("DB_URI", "uri"),
      ] {
        env.append(["name": .string(name), "valueFrom": ["secretKeyRef": ["key": .string(key), "name": .string(secret)]]])
      }
    }
    if let secret = app.database.secret {
      func fromSecret(_ name: String, key: String, optional: Bool = false) -> Value {
        var ref: Value = ["key": .string(key), "name": .string(secret)]
        if optional { ref["optional"] = true }
        return ["name": .string(name), "valueFrom": ["secretKeyRef": ref]]
      }
      env.append(fromSecret("DB_ENDPOINT", key: "endpoint"))
      env.append(fromSecret("DB_PASSWORD", key: "password"))
      env.append(fromSecret("DB_PORT", key: "port", optional: true))
      env.append(fromSecret("DB_USERNAME", key: "username"))
      // As the KCL does: DB_NAME is always declared, with a value only when spec.db.name is set.
      var dbName: Value = ["name": "DB_NAME"]
      if let name = app.database.name { dbName["value"] = .string(name) }
      env.append(dbName)
    }
    return env
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
