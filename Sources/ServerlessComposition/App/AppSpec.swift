/// The App XR's spec (`devopstoolkit.live/v1beta1`), read and checked against `examples/app/xrd.yaml`
/// with the XRD's defaults applied the way the API server applies them.
struct AppSpec {
  enum Routing: String {
    case ingress
    case gatewayAPI = "gateway-api"
    /// No HTTPRoute or Ingress: an app reached only by other apps (a backend).
    case none
  }

  struct Scaling {
    var enabled: Bool
    /// nil (or empty in the XR) means scaling on CPU and memory.
    var prometheusAddress: String?
    var requestsPerReplica: Int
    /// Another App whose HTTPScaledObject wakes this one too (`spec.scaling.wakeWith`).
    var wakeWith: String?
    var tuning: ScalingTuning
  }

  struct Database {
    var secret: String?
    var storeName: String?
    var name: String?
    /// The App's own CloudNativePG database, the alternative to `secret`.
    var cnpg: CNPGDatabase?
  }

  /// The XR's `metadata.name`; every manifest is named after it.
  var name: String
  /// Where the manifests go: `spec.targetNamespace`, or the XR's own namespace.
  var namespace: String
  var image: String
  var tag: String
  var port: Int
  var host: String
  var routing: Routing
  var ingressClassName: String?
  var providerConfigName: String
  var backendURL: String?
  var database: Database
  var minReplicas: Int
  var maxReplicas: Int
  /// nil when `spec.scaling` is absent (scaling off).
  var scaling: Scaling?
  /// A second revision sharing the route's traffic (`spec.canary`).
  var canary: Canary?
  /// How a new version rolls out (`spec.rollout`).
  var rollout: Rollout?

  var scalingEnabled: Bool { scaling?.enabled ?? false }

  /// The stable revision, and the canary when there is one.
  var revisions: [Revision] { Revision.of(self) }

  /// Each revision's ScaledObject pauses scale-in while its Deployment rolls out.
  var rolloutAwareScaling: Bool { rollout != nil && scalingEnabled }

  /// Scaling on request rate from Envoy through Prometheus (rather than CPU and memory). An app with
  /// no route has no requests of its own for Envoy to count.
  var prometheusAddress: String? { scalingEnabled && routing != .none ? scaling?.prometheusAddress : nil }

  /// Scale to zero behind the gateway: the KEDA HTTP interceptor holds requests while a pod starts.
  var scalesToZeroBehindGateway: Bool { scalingEnabled && minReplicas == 0 && routing == .gatewayAPI && prometheusAddress != nil }

  /// Reads every field, collecting all problems before throwing: a user fixes them in one round trip.
  /// A field that fails gets a placeholder that is never composed.
  init(xr: Value) throws(UserError) {
    var problems = ProblemList()
    let metadata = try Fields(xr["metadata"], path: "metadata")
    // A missing or null spec reads as an empty one, so every required field is reported (and the
    // defaults below always have an object to apply to).
    let spec = try Fields(xr["spec"].flatMap { $0 == .null ? nil : $0 } ?? .object([:]), path: "spec")

    name = problems.check { () throws(UserError) in try metadata.requiredDNSLabel("name") } ?? ""
    image = problems.check { () throws(UserError) in try spec.requiredString("image") } ?? ""
    tag = problems.check { () throws(UserError) in try spec.requiredString("tag") } ?? ""
    providerConfigName =
      problems.check { () throws(UserError) in
        let providerConfigName = try spec.requiredString("providerConfigName")
        try Naming.requireDerivedName(providerConfigName, from: "spec.providerConfigName")
        return providerConfigName
      } ?? ""
    port = problems.check { () throws(UserError) in try spec.int("port", default: 80, min: 1, max: 65535)! } ?? 80
    host = problems.check { () throws(UserError) in try spec.string("host", default: "devopstoolkit.live")! } ?? ""
    routing =
      problems.check { () throws(UserError) in
        Routing(rawValue: try spec.oneOf("routing", ["ingress", "gateway-api", "none"], default: "ingress")!)!
      } ?? .ingress
    ingressClassName = problems.check { () throws(UserError) in try spec.string("ingressClassName", default: "contour") } ?? nil
    namespace = problems.check { () throws(UserError) in try Self.targetNamespace(spec: spec, metadata: metadata) } ?? ""

    backendURL = problems.check { () throws(UserError) in try spec.child("frontend").string("backendUrl") } ?? nil
    database =
      problems.check { () throws(UserError) in
        let db = try spec.child("db")
        return Database(
          secret: try db.string("secret"), storeName: try db.string("storeName"), name: try db.string("name"),
          cnpg: try CNPGDatabase.read(db.child("cnpg")))
      } ?? Database()

    minReplicas = problems.check { () throws(UserError) in try spec.int("minReplicas", default: 1, min: 0)! } ?? 1
    maxReplicas = problems.check { () throws(UserError) in try spec.int("maxReplicas", default: 10, min: 1)! } ?? 10
    scaling = problems.check { () throws(UserError) in try Self.scaling(spec.child("scaling")) } ?? nil
    canary = problems.check { () throws(UserError) in try Canary.read(spec.child("canary")) } ?? nil
    rollout = problems.check { () throws(UserError) in try Rollout.read(spec.child("rollout")) } ?? nil
    try problems.throwIfAny()

    // Waking a hibernated database adds its resume to the app's start: a longer default wait.
    if database.cnpg?.hibernate == true, scaling?.tuning.coldStart.isSet == false {
      scaling?.tuning.coldStart.timeout = ScalingTuning.hibernatedColdStartTimeout
    }
    try checkCombinations()
  }

  /// `spec.targetNamespace`, or the XR's own namespace when it is unset or empty.
  private static func targetNamespace(spec: Fields, metadata: Fields) throws(UserError) -> String {
    if let targetNamespace = try spec.string("targetNamespace"), !targetNamespace.isEmpty {
      try Naming.requireDNSLabel(targetNamespace, at: "spec.targetNamespace")
      return targetNamespace
    }
    guard let xrNamespace = try metadata.string("namespace"), !xrNamespace.isEmpty else {
      throw .field(
        "spec.targetNamespace", expected: "a namespace for the app's resources, because the XR itself has no metadata.namespace",
        got: nil)
    }
    try Naming.requireDNSLabel(xrNamespace, at: "metadata.namespace")
    return xrNamespace
  }

  /// `spec.scaling`, or nil when absent (scaling off). An empty `prometheusAddress` means CPU and memory.
  private static func scaling(_ fields: Fields) throws(UserError) -> Scaling? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    let address = problems.check { () throws(UserError) in
      try fields.string("prometheusAddress", default: "http://kube-prometheus-stack-prometheus.prometheus-system:9090")
    } ?? nil
    let enabled = problems.check { () throws(UserError) in try fields.bool("enabled", default: false)! } ?? false
    let requests = problems.check { () throws(UserError) in try fields.int("requestsPerReplica", default: 100, min: 1)! } ?? 100
    let wakeWith = problems.check { () throws(UserError) -> String? in
      guard let name = try fields.string("wakeWith") else { return nil }
      try Naming.requireDNSLabel(name, at: fields.fieldPath("wakeWith"))
      return name
    }
    let tuning = problems.check { () throws(UserError) in try ScalingTuning(fields) }
    try problems.throwIfAny()
    return Scaling(
      enabled: enabled, prometheusAddress: address?.isEmpty == false ? address : nil, requestsPerReplica: requests,
      wakeWith: wakeWith ?? nil, tuning: tuning!)
  }

  /// Combinations that are valid field by field but cannot work.
  private func checkCombinations() throws(UserError) {
    var problems = ProblemList()
    if scalingEnabled && minReplicas == 0 && routing == .none && scaling?.wakeWith == nil {
      problems.add(
        UserError(
          "spec.minReplicas: 0 with spec.routing: none needs spec.scaling.wakeWith: an app without a route has no traffic "
            + "of its own to wake it; name the App whose requests should wake it, or set spec.minReplicas to 1 or more",
          path: "spec.minReplicas"))
    } else if scalingEnabled && minReplicas == 0 && prometheusAddress == nil && routing != .none {
      problems.add(
        UserError(
          "spec.minReplicas: 0 needs spec.scaling.prometheusAddress: CPU and memory cannot wake an app that runs no pods; "
            + "set spec.scaling.prometheusAddress (or leave it out to get the default) or set spec.minReplicas to 1 or more",
          path: "spec.minReplicas"))
    }
    if scalingEnabled && minReplicas > maxReplicas {
      problems.add(
        UserError(
          "spec.minReplicas: \(minReplicas) is above spec.maxReplicas (\(maxReplicas)); set spec.minReplicas <= spec.maxReplicas",
          path: "spec.minReplicas"))
    }
    if database.cnpg?.hibernate == true && !(scalingEnabled && minReplicas == 0) {
      problems.add(
        UserError(
          "spec.db.cnpg.hibernate: the database sleeps while the app sits at zero, which needs spec.scaling.enabled: true "
            + "and spec.minReplicas: 0; set them, or remove hibernate", path: "spec.db.cnpg.hibernate"))
    }
    if database.cnpg != nil && database.secret != nil {
      problems.add(
        UserError(
          "spec.db: cnpg (a database the App runs) and secret (credentials of a database elsewhere, through External "
            + "Secrets) are alternatives; keep one of them", path: "spec.db"))
    } else if database.cnpg != nil {
      for (field, set) in [("name", database.name != nil), ("storeName", database.storeName != nil)] where set {
        problems.add(
          UserError(
            "spec.db.\(field): belongs to spec.db.secret (a database elsewhere); the database spec.db.cnpg runs is "
              + "CloudNativePG's `app`, and its connection comes from the Secret <app>-app; remove it", path: "spec.db.\(field)"))
      }
    }
    if let wakeWith = scaling?.wakeWith {
      if wakeWith == name {
        problems.add(
          UserError(
            "spec.scaling.wakeWith: names this App itself; name the App (its frontend, say) whose requests should wake it",
            path: "spec.scaling.wakeWith"))
      }
      if !scalingEnabled {
        problems.add(
          UserError(
            "spec.scaling.wakeWith: is a KEDA trigger, read only with spec.scaling.enabled: true; enable scaling or remove it",
            path: "spec.scaling.wakeWith"))
      }
    }
    if let tuning = scaling?.tuning {
      for problem in tuningProblems(tuning) { problems.add(problem) }
    }
    if let canary { for problem in canaryProblems(canary) { problems.add(problem) } }
    try problems.throwIfAny()
  }

  /// A canary that cannot be routed or that runs the stable version.
  private func canaryProblems(_ canary: Canary) -> [UserError] {
    var problems: [UserError] = []
    if canary.tag == tag {
      problems.append(
        UserError(
          "spec.canary.tag: \(canary.tag) is spec.tag too: the canary runs another version of the image; set the new "
            + "version's tag, or remove spec.canary", path: "spec.canary.tag"))
    }
    let canaryName = "\(name)-canary"
    if canaryName.count > Naming.maxDNSLabelLength {
      problems.append(
        UserError(
          "spec.canary: the canary's Deployment and Service would be named \(canaryName), longer than a Kubernetes name's "
            + "\(Naming.maxDNSLabelLength) characters; give the App a name of at most \(Naming.maxDNSLabelLength - 7) "
            + "characters, or remove spec.canary", path: "spec.canary"))
    }
    switch routing {
    case .gatewayAPI: break
    case .ingress:
      problems.append(
        UserError(
          "spec.canary: the split between the two revisions needs spec.routing: gateway-api (an HTTPRoute's weighted "
            + "backendRefs); an Ingress (spec.routing: ingress, also its default) has no weights; set spec.routing: "
            + "gateway-api, or remove spec.canary", path: "spec.canary"))
    case .none:
      problems.append(
        UserError(
          "spec.canary: splits the app's route between two revisions, and spec.routing: none has no route; set "
            + "spec.routing: gateway-api, or remove spec.canary", path: "spec.canary"))
    }
    return problems
  }

  /// Tuning fields set where they cannot act: each says which fields would make them act.
  private func tuningProblems(_ tuning: ScalingTuning) -> [UserError] {
    var problems: [UserError] = []
    let toZeroBehindGateway =
      "spec.scaling.enabled: true, spec.minReplicas: 0, spec.routing: gateway-api and a spec.scaling.prometheusAddress"
    if !scalesToZeroBehindGateway {
      if tuning.coldStart.isSet {
        problems.append(
          UserError(
            "spec.scaling.coldStart: acts only on an app that scales to zero behind the gateway (the interceptor holds its "
              + "requests); that takes \(toZeroBehindGateway)", path: "spec.scaling.coldStart"))
      }
      if tuning.target != nil {
        problems.append(
          UserError(
            "spec.scaling.target: is what the HTTP add-on's interceptor measures, which only an app that scales to zero behind "
              + "the gateway has; that takes \(toZeroBehindGateway) (spec.scaling.requestsPerReplica sets the Prometheus target)",
            path: "spec.scaling.target"))
      }
    }
    if let fallback = tuning.coldStart.fallback, let after = fallback.after, after > tuning.coldStart.timeout {
      problems.append(
        UserError(
          "spec.scaling.coldStart.fallback.after: \(Durations.text(after)) is above spec.scaling.coldStart.timeout "
            + "(\(Durations.text(tuning.coldStart.timeout))): the interceptor hands a waiting request to the fallback after "
            + "`after`, which must come within the longest wait; make it at most the timeout",
          path: "spec.scaling.coldStart.fallback.after"))
    }
    if tuning.scaleToZeroAfter != nil && !(scalingEnabled && minReplicas == 0) {
      problems.append(
        UserError(
          "spec.scaling.scaleToZeroAfter: the idle time before zero acts only when the app may go to zero; "
            + "set spec.scaling.enabled: true and spec.minReplicas: 0, or remove it", path: "spec.scaling.scaleToZeroAfter"))
    }
    if !scalingEnabled {
      for (field, set) in [
        ("behavior", tuning.behavior != nil), ("pollingInterval", tuning.pollingInterval != nil),
        ("schedules", !tuning.schedules.isEmpty),
      ] where set {
        problems.append(
          UserError(
            "spec.scaling.\(field): KEDA reads it only with spec.scaling.enabled: true; enable scaling or remove it",
            path: "spec.scaling.\(field)"))
      }
    }
    for (index, schedule) in tuning.schedules.enumerated() where schedule.replicas > maxReplicas {
      problems.append(
        UserError(
          "spec.scaling.schedules[\(index)].replicas: \(schedule.replicas) is above spec.maxReplicas (\(maxReplicas)); "
            + "lower it or raise spec.maxReplicas", path: "spec.scaling.schedules[\(index)].replicas"))
    }
    return problems
  }
}
