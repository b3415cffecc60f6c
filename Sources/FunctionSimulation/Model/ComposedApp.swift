import ServerlessComposition

/// What the simulation reads from an App's composition: the objects that decide how it scales and how
/// long a request waits, read from the manifests inside the composed Objects (what reaches the
/// cluster). Only `spec.db.cnpg.hibernate` comes from the XR: the function decides hibernation from
/// what it observes, so no manifest says it. Only the stable revision is simulated.
public struct ComposedApp: Sendable {
  /// The Deployment's replica count when no ScaledObject scales it.
  public var fixedReplicas: Int
  public var scaledObject: ScaledObjectModel?
  /// Requests wait at the add-on's interceptor for a ready pod (the route goes there).
  public var interceptor: InterceptorModel?
  /// The gateway's time for a whole answer (the HTTPRoute rule's `timeouts.request`).
  public var routeTimeout: Double
  public var probes: PodProbes
  /// The CloudNativePG database hibernates while the app sits at zero.
  public var databaseHibernates: Bool
  /// The App composes a route (an HTTPRoute or an Ingress): without one no HTTP request reaches it.
  public var hasRoute: Bool
  /// What the composition holds that the model does not follow, said in the report.
  public var notModelled: [String]

  /// Envoy's route timeout when the HTTPRoute rule sets none (Envoy's `RouteAction.timeout` default).
  public static let defaultRouteTimeout = 15.0

  /// Reads the manifests of the App `xr`'s composed Objects, keyed by composition resource name.
  public init(xr: Value, objects: [String: Value]) {
    let app = xr.lookup("metadata.name")?.stringValue ?? ""
    func manifest(_ suffix: String) -> Value? { objects["\(app)-\(suffix)"]?.lookup("spec.forProvider.manifest") }
    let deployment = manifest("deployment")
    fixedReplicas = deployment?.lookup("spec.replicas")?.numberValue?.boundedCount ?? 1
    let container = deployment?.lookup("spec.template.spec.containers")?.arrayValue?.first
    probes = PodProbes(startup: container?["startupProbe"].map(Probe.init), readiness: container?["readinessProbe"].map(Probe.init))
    var notes: [String] = []
    let httpScaledObject = manifest("http-scaled-object")?.lookup("metadata.name")?.stringValue
    let route = manifest("httproute")
    hasRoute = route != nil || manifest("ingress") != nil
    scaledObject = manifest("scaled-object").map {
      ScaledObjectModel($0, httpScaledObject: httpScaledObject, envoyRoute: route != nil, notModelled: &notes)
    }
    let backends = route?.lookup("spec.rules")?.arrayValue?.first?["backendRefs"]?.arrayValue ?? []
    let viaInterceptor = backends.contains { $0["name"]?.stringValue == "keda-add-ons-http-interceptor-proxy" }
    interceptor = viaInterceptor ? manifest("http-scaled-object").map(InterceptorModel.init) : nil
    let timeout = route?.lookup("spec.rules")?.arrayValue?.first?.lookup("timeouts.request")?.stringValue
    routeTimeout = timeout.flatMap(Durations.milliseconds).map { Double($0) / 1000 } ?? Self.defaultRouteTimeout
    if manifest("ingress") != nil { notes.append("the Ingress controller's own timeouts (the route's timeout is taken as Envoy's 15 s)") }
    databaseHibernates = manifest("database") != nil && xr.lookup("spec.db.cnpg.hibernate") == .bool(true)
    if objects.keys.contains("\(app)-canary-deployment") { notes.append("the canary revision (only the stable one is simulated)") }
    notModelled = notes
  }
}

extension ComposedApp {
  /// The same objects with KEDA's `minReplicaCount` at least 1: the App always on, for the saving.
  public var alwaysOn: ComposedApp {
    var app = self
    if let minReplicas = app.scaledObject?.minReplicas { app.scaledObject?.minReplicas = max(minReplicas, 1) }
    return app
  }

  /// What the cluster's parameters make of the composed objects, said with the results.
  public func notes(_ parameters: SimulationParameters) -> [String] {
    var notes = notModelled
    if let startup = probes.startup {
      // Its runs tick from the pod's start; the last before the restart is the failureThreshold-th.
      let period = max(startup.periodSeconds, 1e-9)
      let firstRun = (startup.initialDelaySeconds / period - 1e-9).rounded(.up) * period
      let budget = firstRun + (startup.failureThreshold - 1) * startup.periodSeconds
      if parameters.podStart > budget + 1e-9 {
        notes.append(
          "a pod that takes longer to start than its startup probe allows (\(TextReport.seconds(budget))) is restarted by the "
            + "kubelet and never becomes ready")
      }
    }
    return notes
  }
}

/// A probe's timing fields, with Kubernetes' defaults.
public struct Probe: Sendable, Equatable {
  public var initialDelaySeconds: Double
  public var periodSeconds: Double
  public var failureThreshold: Double

  public init(initialDelaySeconds: Double = 0, periodSeconds: Double = 10, failureThreshold: Double = 3) {
    self.initialDelaySeconds = initialDelaySeconds
    self.periodSeconds = periodSeconds
    self.failureThreshold = failureThreshold
  }

  init(_ value: Value) {
    self.init(
      initialDelaySeconds: value["initialDelaySeconds"]?.numberValue ?? 0, periodSeconds: value["periodSeconds"]?.numberValue ?? 10,
      failureThreshold: value["failureThreshold"]?.numberValue ?? 3)
  }
}

public struct PodProbes: Sendable, Equatable {
  public var startup: Probe?
  public var readiness: Probe?
}

/// The ScaledObject's fields KEDA scales with (KEDA's defaults where the manifest leaves one out).
public struct ScaledObjectModel: Sendable {
  /// The most replicas the model follows: each is a pod it keeps track of.
  public static let mostReplicas = 10_000

  public var minReplicas: Int
  public var maxReplicas: Int
  public var pollingInterval: Double
  public var cooldownPeriod: Double
  public var initialCooldownPeriod: Double
  public var behavior: HPABehavior?
  public var triggers: [TriggerModel]

  /// - Parameters:
  ///   - httpScaledObject: the App's own HTTPScaledObject: its queue is in the trace, another App's
  ///     (`wakeWith`) is not.
  ///   - envoyRoute: the App composes an HTTPRoute, so Envoy counts its requests; an Ingress-routed
  ///     App's request-rate query finds no Envoy series and reads 0.
  init(_ manifest: Value, httpScaledObject: String?, envoyRoute: Bool, notModelled: inout [String]) {
    let spec = manifest["spec"] ?? [:]
    func number(_ key: String, _ fallback: Double) -> Double { spec[key]?.numberValue ?? fallback }
    minReplicas = min(number("minReplicaCount", 0).boundedCount, Self.mostReplicas)
    maxReplicas = min(number("maxReplicaCount", 100).boundedCount, Self.mostReplicas)
    if number("maxReplicaCount", 100) > Double(Self.mostReplicas) {
      notModelled.append("more than \(Self.mostReplicas) replicas (taken as \(Self.mostReplicas))")
    }
    pollingInterval = number("pollingInterval", 30)
    cooldownPeriod = number("cooldownPeriod", 300)
    initialCooldownPeriod = number("initialCooldownPeriod", 0)
    behavior = HPABehavior(spec.lookup("advanced.horizontalPodAutoscalerConfig.behavior"))
    var triggers: [TriggerModel] = []
    for trigger in spec["triggers"]?.arrayValue ?? [] {
      if let model = TriggerModel(trigger, httpScaledObject: httpScaledObject) {
        if case .requestRate = model, !envoyRoute {
          notModelled.append(
            "the request-rate trigger: its query counts Envoy's requests of an HTTPRoute the App does not compose, so it reads 0")
          continue
        }
        triggers.append(model)
      } else {
        let type = trigger["type"]?.stringValue ?? "?"
        notModelled.append("the \(type) trigger (taken as never active and never above its target)")
      }
    }
    self.triggers = triggers
  }
}

/// A trigger the model follows.
public enum TriggerModel: Sendable, Equatable {
  /// The add-on's external scaler on the interceptor's queue for this App's route.
  case interceptor
  /// The composed request-rate query: Prometheus' `rate()` of Envoy's request counter over `window`.
  case requestRate(window: Double, threshold: Double, activationThreshold: Double, averageValue: Bool)
  /// A cron window holding at least `replicas`.
  case cron(CronWindow)

  init?(_ trigger: Value, httpScaledObject: String?) {
    let metadata = trigger["metadata"] ?? [:]
    switch trigger["type"]?.stringValue {
    case "external-push"?:
      guard metadata["scalerAddress"]?.stringValue?.hasPrefix("keda-add-ons-http-external-scaler") == true,
        let httpScaledObject, metadata["httpScaledObject"]?.stringValue == httpScaledObject
      else { return nil }
      self = .interceptor
    case "prometheus"?:
      guard let query = metadata["query"]?.stringValue, query.contains("envoy_cluster_upstream_rq_total"),
        let window = Self.rangeSeconds(query), let threshold = metadata["threshold"]?.stringValue.flatMap(Double.init)
      else { return nil }
      let activation = metadata["activationThreshold"]?.stringValue.flatMap(Double.init) ?? 0
      self = .requestRate(
        window: window, threshold: threshold, activationThreshold: activation,
        averageValue: trigger["metricType"]?.stringValue != "Value")
    case "cron"?:
      guard let window = CronWindow(metadata) else { return nil }
      self = .cron(window)
    default:
      return nil
    }
  }

  /// The range of a range selector (`[2m]`) in a PromQL query, in seconds.
  static func rangeSeconds(_ query: String) -> Double? {
    guard let open = query.lastIndex(of: "["), let close = query[open...].firstIndex(of: "]") else { return nil }
    return Durations.milliseconds(String(query[query.index(after: open)..<close])).map { Double($0) / 1000 }
  }
}

/// The HTTPScaledObject's fields the interceptor and the external scaler act on.
public struct InterceptorModel: Sendable, Equatable {
  /// How long the interceptor holds a request for a ready pod (`timeouts.conditionWait`).
  public var conditionWait: Double
  /// How long the interceptor waits for the app's first byte once it forwards (`timeouts.responseHeader`).
  public var responseHeader: Double
  /// After this long the request goes to the fallback Service instead (`coldStartTimeoutFailoverRef`).
  public var fallbackAfter: Double?
  public var metric: Metric

  public enum Metric: Sendable, Equatable {
    /// Requests in flight at the interceptor, `target` per replica.
    case concurrency(target: Double)
    /// Requests per second over `window`, counted in buckets of `granularity`, `target` per replica.
    case requestRate(target: Double, window: Double, granularity: Double)
  }

  /// The external scaler's target without a `scalingMetric` (the HTTPScaledObject's `targetPendingRequests`).
  public static let defaultTarget = 100.0

  /// Add-on v0.12.2 `interceptor/config/timeouts.go`: `KEDA_CONDITION_WAIT_TIMEOUT` 20 s and
  /// `KEDA_RESPONSE_HEADER_TIMEOUT` 500 ms, which an HTTPScaledObject's zero or absent value keeps.
  public static let defaultConditionWait = 20.0
  public static let defaultResponseHeader = 0.5

  init(_ manifest: Value) {
    func seconds(_ path: String) -> Double? {
      manifest.lookup(path)?.stringValue.flatMap(Durations.milliseconds).map { Double($0) / 1000 }.flatMap { $0 > 0 ? $0 : nil }
    }
    conditionWait = seconds("spec.timeouts.conditionWait") ?? Self.defaultConditionWait
    responseHeader = seconds("spec.timeouts.responseHeader") ?? Self.defaultResponseHeader
    // An absent timeoutSeconds is the CRD's default, 30 s; a zero one leaves conditionWait
    // (add-on v0.12.2 `interceptor/proxy_handlers.go`).
    let conditionWait = conditionWait
    fallbackAfter = manifest.lookup("spec.coldStartTimeoutFailoverRef").map { failover in
      guard let seconds = failover["timeoutSeconds"]?.numberValue else { return 30 }
      return seconds > 0 ? seconds : conditionWait
    }
    if let rate = manifest.lookup("spec.scalingMetric.requestRate") {
      metric = .requestRate(
        target: rate["targetValue"]?.numberValue ?? Self.defaultTarget, window: seconds("spec.scalingMetric.requestRate.window") ?? 60,
        granularity: seconds("spec.scalingMetric.requestRate.granularity") ?? 1)
    } else {
      let target =
        manifest.lookup("spec.scalingMetric.concurrency.targetValue")?.numberValue
        ?? manifest.lookup("spec.targetPendingRequests")?.numberValue ?? Self.defaultTarget
      metric = .concurrency(target: target)
    }
  }
}

extension Double {
  /// A manifest's number as a count: whole, within 0...1e9 (the composition bounds what it writes;
  /// the model must not trap on what it reads).
  var boundedCount: Int { isFinite ? Int(Swift.min(Swift.max(rounded(.down), 0), 1e9)) : 0 }
}
