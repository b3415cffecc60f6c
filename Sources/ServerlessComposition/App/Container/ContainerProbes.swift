/// The container's probes: the readiness and liveness probes every App had (`GET /` on the app's
/// port, ten failures), each field overridable, and for an App that scales to zero a startup probe
/// that marks a woken pod Ready about a second after it can serve (docs/app.md, "Probes and cold
/// starts", has the kubelet's arithmetic).
extension Probes {
  /// The failures before a steady pod is taken out of its Service (readiness) or restarted
  /// (liveness), as before `spec.probes`.
  static let steadyFailureThreshold = 10
  /// A woken pod is probed every second until it serves; the readiness probe, which the kubelet runs
  /// as soon as the startup probe passes, then marks it Ready.
  static let coldStartPeriod = 1
  /// How long a starting container may take before the startup probe has it restarted: the 100 s
  /// (10 x 10 s) the liveness probe gave a starting container before.
  static let coldStartWindow = 100
  /// With `db.cnpg.hibernate` the app may wait for its database's resume, which CloudNativePG does not
  /// bound; a restart during it would only start the wait again.
  static let hibernatedColdStartWindow = 300

  func apply(_ app: AppSpec, container: inout Value) {
    let readinessCheck = readiness?.check ?? .httpGet(path: "/")
    let readinessPort = readiness?.port ?? app.port
    container["readinessProbe"] = Self.manifest(
      readiness, check: readinessCheck, port: readinessPort, failureThreshold: Self.steadyFailureThreshold)
    container["livenessProbe"] = Self.manifest(
      liveness, check: liveness?.check ?? .httpGet(path: "/"), port: liveness?.port ?? app.port,
      failureThreshold: Self.steadyFailureThreshold)
    guard startup != nil || app.scalesToZero else { return }
    // Started means able to serve: the readiness probe's check.
    let period = startup?.periodSeconds ?? Self.coldStartPeriod
    let window = app.database.cnpg?.hibernate == true ? Self.hibernatedColdStartWindow : Self.coldStartWindow
    var probe = Self.manifest(
      startup, check: startup?.check ?? readinessCheck, port: startup?.port ?? readinessPort,
      failureThreshold: (window + period - 1) / period)
    probe["periodSeconds"] = Value(period)
    container["startupProbe"] = probe
  }

  /// A probe's manifest: the App's fields where set, the defaults where not.
  static func manifest(_ probe: Probe?, check: Probe.Check, port: Int, failureThreshold: Int) -> Value {
    var manifest: Value = ["failureThreshold": Value(probe?.failureThreshold ?? failureThreshold)]
    switch check {
    case .httpGet(let path): manifest["httpGet"] = ["path": .string(path), "port": Value(port)]
    case .tcp: manifest["tcpSocket"] = ["port": Value(port)]
    }
    for (key, value) in [
      ("periodSeconds", probe?.periodSeconds), ("timeoutSeconds", probe?.timeoutSeconds),
      ("initialDelaySeconds", probe?.initialDelaySeconds),
    ] {
      if let value { manifest[key] = Value(value) }
    }
    return manifest
  }
}
