/// The container's environment: the variables the function sets itself (the database's connection and
/// the frontend's `BACKEND_URL`), then the App's `spec.env`, then `spec.envFrom`.
enum EnvironmentVariables {
  /// One the function sets, and the App field that makes it set it.
  struct Own {
    var variable: Value
    var name: String
    var setBy: String
  }

  /// The API server's rule for a variable name and an envFrom prefix (`IsRelaxedEnvVarName`, on by
  /// default since Kubernetes 1.32 and locked on since 1.34, feature RelaxedEnvironmentVariableValidation).
  static let nameRule = "a variable name: printable ASCII characters (letters, digits, punctuation, spaces) except `=`"
  /// `IsConfigMapKey`.
  static let keyRule = "a key of the object: letters, digits, `_`, `-` and `.`, at most 253 characters, not starting with `..`"

  static func isName(_ name: String) -> Bool {
    !name.isEmpty && name.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) && $0 != "=" }
  }

  /// A ConfigMap or Secret key (`IsConfigMapKey`).
  static func isKey(_ key: String) -> Bool {
    !key.isEmpty && key.count <= 253 && key != "." && !key.hasPrefix("..")
      && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
  }

  /// The container's `env`: the function's variables first, so that the App's may refer to them.
  static func env(_ app: AppSpec) -> [Value] {
    own(app).map(\.variable) + app.container.env.map(\.manifest)
  }

  static func envFrom(_ app: AppSpec) -> [Value] {
    app.container.envFrom.map { source in
      var reference: Value = ["name": .string(source.name)]
      if let optional = source.optional { reference["optional"] = .bool(optional) }
      var entry: Value = [source.kind.rawValue: reference]
      if let prefix = source.prefix { entry["prefix"] = .string(prefix) }
      return entry
    }
  }

  /// The frontend's backend URL and the database connection, read from the db Secret's keys.
  static func own(_ app: AppSpec) -> [Own] {
    var env: [Own] = []
    if let backendURL = app.backendURL {
      env.append(
        Own(variable: ["name": "BACKEND_URL", "value": .string(backendURL)], name: "BACKEND_URL", setBy: "spec.frontend.backendUrl"))
    }
    if app.database.cnpg != nil {
      let secret = app.names.databaseSecret
      for (name, key) in [
        ("DB_ENDPOINT", "host"), ("DB_PORT", "port"), ("DB_USERNAME", "username"), ("DB_PASSWORD", "password"),
        ("DB_NAME", "dbname"), ("DB_URI", "uri"),
      ] {
        env.append(
          Own(
            variable: ["name": .string(name), "valueFrom": ["secretKeyRef": ["key": .string(key), "name": .string(secret)]]], name: name,
            setBy: "spec.db.cnpg"))
      }
    }
    if let secret = app.database.secret {
      func fromSecret(_ name: String, key: String, optional: Bool = false) -> Own {
        var ref: Value = ["key": .string(key), "name": .string(secret)]
        if optional { ref["optional"] = true }
        return Own(variable: ["name": .string(name), "valueFrom": ["secretKeyRef": ref]], name: name, setBy: "spec.db.secret")
      }
      env.append(fromSecret("DB_ENDPOINT", key: "endpoint"))
      env.append(fromSecret("DB_PASSWORD", key: "password"))
      env.append(fromSecret("DB_PORT", key: "port", optional: true))
      env.append(fromSecret("DB_USERNAME", key: "username"))
      // As the KCL does: DB_NAME is always declared, with a value only when spec.db.name is set.
      var dbName: Value = ["name": "DB_NAME"]
      if let name = app.database.name { dbName["value"] = .string(name) }
      env.append(Own(variable: dbName, name: "DB_NAME", setBy: "spec.db.secret"))
    }
    return env
  }

  /// A variable of `spec.env` that the function sets too: the container would get it twice, and
  /// which one wins is not what either field says.
  static func validate(_ app: AppSpec, _ log: ProblemLog) {
    let own = own(app)
    for (index, variable) in app.container.env.enumerated() {
      guard let taken = own.first(where: { $0.name == variable.name }) else { continue }
      log.add(
        UserError(
          "spec.env[\(index)].name: \(variable.name) is set by the function, from \(taken.setBy); give your variable "
            + "another name", path: "spec.env[\(index)].name"))
    }
  }
}

extension EnvVar {
  var manifest: Value {
    func keyReference(_ kind: String, _ name: String, _ key: String, _ optional: Bool?) -> Value {
      var reference: Value = ["name": .string(name), "key": .string(key)]
      if let optional { reference["optional"] = .bool(optional) }
      return ["name": .string(self.name), "valueFrom": [kind: reference]]
    }
    switch source {
    case .value(let value): return ["name": .string(name), "value": .string(value)]
    case .secretKey(let secret, let key, let optional): return keyReference("secretKeyRef", secret, key, optional)
    case .configMapKey(let configMap, let key, let optional): return keyReference("configMapKeyRef", configMap, key, optional)
    }
  }
}
