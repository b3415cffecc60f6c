/// Reads the container fields of `spec`, each checked as the API server would check it in the
/// Deployment, so that a mistake is a Fatal naming the App's field rather than an Object that never
/// applies.
extension ContainerSpec {
  static func read(_ spec: FieldReader) -> ContainerSpec {
    var container = ContainerSpec()
    container.env = readEnv(spec)
    container.envFrom = readEnvFrom(spec)
    container.files = readFiles(spec)
    container.command = nonEmpty(spec.strings("command"))
    container.args = nonEmpty(spec.strings("args"))
    container.imagePullSecrets = (spec.strings("imagePullSecrets") ?? []).enumerated().compactMap { index, name in
      spec.require(
        Naming.isDNSSubdomain(name),
        .field("spec.imagePullSecrets[\(index)]", expected: "the name of a Secret in the target namespace", got: .string(name)))
      return Naming.isDNSSubdomain(name) ? name : nil
    }
    container.resources = Resources.read(spec.child("resources"))
    container.probes = Probes.read(spec.child("probes"))
    container.restricted = spec.oneOf("securityContext", ["restricted"]) != nil
    return container
  }

  private static func nonEmpty(_ list: [String]?) -> [String]? { list?.isEmpty == false ? list : nil }

  private static func readEnv(_ spec: FieldReader) -> [EnvVar] {
    var seen: [String: String] = [:]
    return (spec.objectItems("env", of: "name and value or valueFrom") ?? []).compactMap { item in
      guard let name = item.requiredString("name") else { return nil }
      guard EnvironmentVariables.isName(name) else {
        item.report(.field(item.fieldPath("name"), expected: EnvironmentVariables.nameRule, got: .string(name)))
        return nil
      }
      if let first = seen[name] {
        item.report(
          UserError(
            "\(item.fieldPath("name")): \(name) is also \(first); a container gets each variable once, so give one of them "
              + "another name or remove it", path: item.fieldPath("name")))
      }
      seen[name] = seen[name] ?? item.fieldPath("name")
      let value = item.string("value")
      let valueFrom = item.child("valueFrom")
      guard valueFrom.exists else { return EnvVar(name: name, source: .value(value ?? "")) }
      item.require(
        value == nil,
        UserError(
          "\(item.path): value and valueFrom are alternatives (a literal, or a key of a Secret or ConfigMap); keep one of them",
          path: item.path))
      let secret = valueFrom.child("secretKeyRef")
      let configMap = valueFrom.child("configMapKeyRef")
      guard secret.exists != configMap.exists else {
        valueFrom.report(
          UserError(
            "\(valueFrom.path): expected exactly one of secretKeyRef or configMapKeyRef, each with a name and a key",
            path: valueFrom.path))
        return nil
      }
      let reference = secret.exists ? secret : configMap
      guard let (objectName, key) = keyReference(reference) else { return nil }
      let optional = reference.bool("optional")
      return EnvVar(
        name: name,
        source: secret.exists
          ? .secretKey(name: objectName, key: key, optional: optional) : .configMapKey(name: objectName, key: key, optional: optional))
    }
  }

  /// The `name` and `key` of a `secretKeyRef` or `configMapKeyRef`.
  private static func keyReference(_ reference: FieldReader) -> (String, String)? {
    let name = reference.objectName("name", required: true)
    let key = reference.requiredString("key")
    if let key {
      reference.require(
        EnvironmentVariables.isKey(key),
        .field(reference.fieldPath("key"), expected: EnvironmentVariables.keyRule, got: .string(key)))
    }
    guard let name, let key, EnvironmentVariables.isKey(key) else { return nil }
    return (name, key)
  }

  private static func readEnvFrom(_ spec: FieldReader) -> [EnvSource] {
    (spec.objectItems("envFrom", of: "secretRef or configMapRef") ?? []).compactMap { item in
      let secret = item.child("secretRef")
      let configMap = item.child("configMapRef")
      guard secret.exists != configMap.exists else {
        item.report(
          UserError("\(item.path): expected exactly one of secretRef or configMapRef, each with a name", path: item.path))
        return nil
      }
      let reference = secret.exists ? secret : configMap
      let name = reference.objectName("name", required: true)
      let prefix = item.string("prefix")
      if let prefix, !prefix.isEmpty {
        item.require(
          EnvironmentVariables.isName(prefix),
          .field(item.fieldPath("prefix"), expected: EnvironmentVariables.nameRule, got: .string(prefix)))
      }
      guard let name else { return nil }
      return EnvSource(
        kind: secret.exists ? .secret : .configMap, name: name, prefix: prefix?.isEmpty == false ? prefix : nil,
        optional: reference.bool("optional"))
    }
  }

  private static func readFiles(_ spec: FieldReader) -> [MountedFile] {
    var seen: [String: String] = [:]
    return (spec.objectItems("files", of: "path and one of configMap, secret or emptyDir") ?? []).compactMap { item in
      let path = item.requiredString("path")
      if let path {
        let segments = path.split(separator: "/")
        item.require(
          path.hasPrefix("/") && path != "/" && !segments.contains(".."),
          .field(
            item.fieldPath("path"), expected: "an absolute path in the container, such as /etc/app, without `..`",
            got: .string(path)))
        let normalized = "/" + segments.joined(separator: "/")
        if let first = seen[normalized] {
          item.report(
            UserError(
              "\(item.fieldPath("path")): \(path) is also \(first); mount each path once", path: item.fieldPath("path")))
        }
        seen[normalized] = seen[normalized] ?? item.fieldPath("path")
      }
      let configMap = item.objectName("configMap")
      let secret = item.objectName("secret")
      let emptyDir = item.child("emptyDir")
      let sources = [configMap != nil, secret != nil, emptyDir.exists].filter { $0 }.count
      guard sources == 1 else {
        item.report(
          UserError(
            "\(item.path): expected exactly one of configMap (a ConfigMap's name), secret (a Secret's name) or emptyDir "
              + "(scratch space)", path: item.path))
        return nil
      }
      let source: MountedFile.Source
      if let configMap {
        source = .configMap(configMap)
      } else if let secret {
        source = .secret(secret)
      } else {
        let sizeLimit = emptyDir.raw("sizeLimit").flatMap { raw -> Quantity? in
          let quantity = Quantity(raw).flatMap { $0.isWhole ? $0 : nil }
          emptyDir.require(
            quantity != nil,
            .field(emptyDir.fieldPath("sizeLimit"), expected: "a whole number of bytes such as 64Mi or 1Gi", got: raw))
          return quantity
        }
        let medium = emptyDir.oneOf("medium", ["", "Memory"], default: "")
        source = .emptyDir(sizeLimit: sizeLimit, memory: medium == "Memory")
      }
      return path.map { MountedFile(path: $0, source: source) }
    }
  }
}

extension FieldReader {
  /// The name of a ConfigMap, Secret or other object in the target namespace: a DNS subdomain, as the
  /// API server checks object names. nil when absent (recorded when `required`) or not a name.
  fileprivate func objectName(_ key: String, required: Bool = false) -> String? {
    guard let name = required ? requiredString(key) : string(key) else { return nil }
    guard Naming.isDNSSubdomain(name) else {
      report(.field(fieldPath(key), expected: "the name of an object in the target namespace", got: .string(name)))
      return nil
    }
    return name
  }
}

extension Resources {
  /// Reads `spec.resources`.
  static func read(_ fields: FieldReader) -> Resources {
    func quantities(_ key: String) -> [(String, Quantity)]? {
      let section = fields.child(key)
      guard section.exists else { return nil }
      return names.compactMap { name in
        guard let raw = section.raw(name) else { return nil }
        guard let quantity = Quantity(raw), quantity.isWhole || !byteResources.contains(name) else {
          section.report(.field(section.fieldPath(name), expected: "a quantity: \(example(name))", got: raw))
          return nil
        }
        return (name, quantity)
      }
    }
    let resources = Resources(requests: quantities("requests"), limits: quantities("limits"), gpu: fields.int("gpu", min: 1, max: 8))
    for (name, limit) in resources.limits ?? [] {
      guard let request = resources.requests?.first(where: { $0.0 == name })?.1, limit.nano < request.nano else { continue }
      fields.report(
        UserError(
          "spec.resources.limits.\(name): \(limit.text) is below spec.resources.requests.\(name) (\(request.text)); the API "
            + "server refuses a limit below its request: raise the limit or lower the request", path: "spec.resources.limits.\(name)"))
    }
    return resources
  }

  static func example(_ name: String) -> String {
    name == "cpu"
      ? "cores, such as 250m, 1 or \"0.5\" (a fraction quoted)"
      : "a whole number of bytes, such as 256Mi, 1Gi or 500M (m is a thousandth; megabytes are M or Mi)"
  }
}

extension Probes {
  static let kinds = ["readiness", "liveness", "startup"]

  /// Reads `spec.probes`.
  static func read(_ fields: FieldReader) -> Probes {
    let probes = kinds.map { Probe.read(fields.child($0)) }
    return Probes(readiness: probes[0], liveness: probes[1], startup: probes[2])
  }
}

extension Probe {
  /// Reads one probe; nil when absent.
  static func read(_ fields: FieldReader) -> Probe? {
    guard fields.exists else { return nil }
    let path = fields.string("path")
    if let path {
      fields.require(
        path.hasPrefix("/"),
        .field(fields.fieldPath("path"), expected: "an HTTP path starting with /, such as /healthz", got: .string(path)))
    }
    let tcp = fields.bool("tcp", default: false)
    fields.require(
      !(tcp && path != nil),
      UserError(
        "\(fields.path): path (an HTTP GET) and tcp: true (a TCP connection) are alternatives; keep one of them", path: fields.path))
    return Probe(
      check: tcp ? .tcp : path.map { .httpGet(path: $0) }, port: fields.int("port", min: 1, max: 65535),
      periodSeconds: fields.int("periodSeconds", min: 1, max: 3600), timeoutSeconds: fields.int("timeoutSeconds", min: 1, max: 3600),
      failureThreshold: fields.int("failureThreshold", min: 1, max: 10_000),
      initialDelaySeconds: fields.int("initialDelaySeconds", min: 0, max: 3600))
  }
}
