extension AppSpec {
  /// Reads every field with the XRD's defaults applied the way the API server applies them, then
  /// checks the fields together (`validate`). Every problem of a phase is reported at once: a user
  /// fixes them in one round trip.
  init(xr: Value) throws(UserError) {
    let log = ProblemLog()
    let metadata = FieldReader(xr["metadata"], path: "metadata", log: log)
    try log.finish()
    // A missing or null spec reads as an empty one, so every required field is reported (and the
    // defaults below always have an object to apply to).
    let spec = FieldReader(xr["spec"].flatMap { $0 == .null ? nil : $0 } ?? .object([:]), path: "spec", log: log)
    try log.finish()

    // The required fields: nil where the read failed.
    let nameRead = metadata.requiredDNSLabel("name")
    let imageRead = spec.requiredString("image")
    let tagRead = spec.requiredString("tag")
    let providerConfigNameRead = spec.requiredString("providerConfigName")
    if let providerConfigName = providerConfigNameRead,
      let problem = Naming.derivedNameProblem(providerConfigName, from: "spec.providerConfigName")
    {
      spec.report(problem)
    }
    let port = spec.int("port", default: 80, min: 1, max: 65535)
    let host = spec.string("host", default: "devopstoolkit.live")
    let routing = spec.choice("routing", default: Routing.ingress)
    let ingressClassName = spec.string("ingressClassName", default: "contour")
    let namespaceRead = Self.targetNamespace(spec: spec, metadata: metadata)
    let serviceAccountName = spec.dnsSubdomain("serviceAccountName")
    let container = ContainerSpec.read(spec)
    let backendURL = spec.child("frontend").string("backendUrl")
    let database = Self.database(spec.child("db"))
    let minReplicas = spec.int("minReplicas", default: 1, min: 0)
    let maxReplicas = spec.int("maxReplicas", default: 10, min: 1)
    var scaling = ScalingSpec.read(spec.child("scaling"))
    let canary = Canary.read(spec.child("canary"))
    let rollout = Rollout.read(spec.child("rollout"))
    let metrics = AppMetrics.read(spec.child("metrics"), appPort: port)
    let alerts = spec.child("alerts").bool("enabled", default: false)
    let (name, image, tag, providerConfigName, namespace) = try log.finish(
      nameRead, imageRead, tagRead, providerConfigNameRead, namespaceRead)

    // Waking a hibernated database adds its resume to the app's start: a longer default wait.
    if database.cnpg?.hibernate == true, scaling?.coldStart.isSet == false {
      scaling?.coldStart.timeout = ScalingSpec.hibernatedColdStartTimeout
    }
    self.init(
      name: name, namespace: namespace, image: image, tag: tag, port: port, host: host, routing: routing,
      ingressClassName: ingressClassName, providerConfigName: providerConfigName, serviceAccountName: serviceAccountName,
      container: container, backendURL: backendURL, database: database,
      minReplicas: minReplicas, maxReplicas: maxReplicas, scaling: scaling, canary: canary, rollout: rollout,
      metrics: metrics, alerts: alerts, rightsizing: Rightsizing.read(spec.child("rightsizing")))
    validate(log)
    try log.finish()
  }

  /// `spec.targetNamespace`, or the XR's own namespace when it is unset or empty.
  private static func targetNamespace(spec: FieldReader, metadata: FieldReader) -> String? {
    for (fields, key) in [(spec, "targetNamespace"), (metadata, "namespace")] where fields.raw(key) != nil {
      // A value of the wrong type is recorded as such, not also as a missing namespace.
      guard let namespace = fields.string(key) else { return nil }
      if !namespace.isEmpty { return fields.dnsLabel(key) }
    }
    spec.report(
      .field(
        "spec.targetNamespace", expected: "a namespace for the app's resources, because the XR itself has no metadata.namespace",
        got: nil))
    return nil
  }

  private static func database(_ db: FieldReader) -> Database {
    Database(
      secret: db.string("secret"), storeName: db.string("storeName"), name: db.string("name"), cnpg: CNPGDatabase.read(db.child("cnpg")))
  }
}

extension Canary {
  /// Reads `spec.canary`; nil when absent.
  static func read(_ fields: FieldReader) -> Canary? {
    guard fields.exists else { return nil }
    let tag = fields.requiredString("tag")
    if let tag {
      fields.require(
        isImageTag(tag),
        .field(
          fields.fieldPath("tag"),
          expected: "an image tag: letters, digits, `_`, `.` and `-`, not starting with `.` or `-`, "
            + "at most 128 characters", got: .string(tag)))
    }
    let weight = fields.int("weight", default: 0, min: 0, max: 100)
    return tag.map { Canary(tag: $0, weight: weight) }
  }

  /// The OCI distribution grammar of a tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
  static func isImageTag(_ tag: String) -> Bool {
    func allowed(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    guard let first = tag.first, allowed(first), tag.count <= 128 else { return false }
    return tag.dropFirst().allSatisfy { allowed($0) || $0 == "." || $0 == "-" }
  }
}

extension AppMetrics {
  /// Reads `spec.metrics`; nil when absent.
  static func read(_ fields: FieldReader, appPort: Int) -> AppMetrics? {
    guard fields.exists else { return nil }
    let path = fields.string("path", default: "/metrics")
    fields.require(
      path.hasPrefix("/"), .field(fields.fieldPath("path"), expected: "an HTTP path starting with /, such as /metrics", got: .string(path)))
    return AppMetrics(port: fields.int("port", default: appPort, min: 1, max: 65535), path: path)
  }
}

extension Rollout {
  /// Reads `spec.rollout`; nil when absent.
  static func read(_ fields: FieldReader) -> Rollout? {
    guard fields.exists else { return nil }
    return Rollout(
      strategy: fields.choice("strategy", default: Strategy.rolling), minReady: fields.duration("minReady", min: 0, max: 3600),
      quiesce: fields.duration("quiesce", max: 3600))
  }
}

extension CNPGDatabase {
  /// Reads `spec.db.cnpg`; nil when absent.
  static func read(_ fields: FieldReader) -> CNPGDatabase? {
    guard fields.exists else { return nil }
    let instances = fields.int("instances", default: 1, min: 1, max: 9)
    let storage = fields.string("storage", default: "1Gi")
    fields.require(
      Quantity(storage).map { $0.nano > 0 && $0.isWhole } ?? false,
      .field(fields.fieldPath("storage"), expected: "a storage quantity such as 1Gi, 500Mi or 10G", got: .string(storage)))
    var version = fields.string("version")
    if let text = version {
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      let valid = !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
      fields.require(
        valid, .field(fields.fieldPath("version"), expected: "a PostgreSQL version such as 17 or 16.4", got: .string(text)))
      if !valid { version = nil }
    }
    let image = fields.string("image")
    let hibernate = fields.bool("hibernate", default: false)
    fields.require(
      version == nil || image == nil,
      UserError(
        "\(fields.path): version and image are alternatives (image names the whole image, version picks "
          + "\(imageRepository):<version>); keep one of them", path: fields.path))
    return CNPGDatabase(
      instances: instances, storage: storage, imageName: image ?? version.map { "\(imageRepository):\($0)" }, hibernate: hibernate)
  }
}
