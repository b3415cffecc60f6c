/// The triggers of a revision's ScaledObject, one function per KEDA scaler. KEDA's HPA scales to the
/// largest replica count any trigger asks for.
enum ScalingTriggers {
  static let externalScalerAddress = "keda-add-ons-http-external-scaler.keda:9090"

  /// In order: what the app scales on (Envoy's request rate and, at zero, the interceptor's queue; or
  /// CPU and memory), the App's own query and scalers, the App it wakes with, then its pre-warm
  /// schedules.
  static func triggers(_ app: AppSpec, _ revision: Revision) -> [Value] {
    var triggers: [Value] = []
    let scaling = app.scaling
    if let prometheusAddress = app.prometheusAddress {
      // The stable revision's own query may stand in for the request rate.
      if !(revision.role == .stable && scaling?.prometheusQuery?.replacesRequestRate == true) {
        triggers.append(requestRate(app, revision, prometheusAddress: prometheusAddress))
      }
      // At zero there is no traffic for Prometheus to see: the interceptor's queue wakes the app.
      if app.scalesToZeroBehindGateway {
        triggers.append(externalPush(httpScaledObject: revision.name))
      }
    }
    triggers += (scaling?.resourceTargets(scalesOnRequestRate: app.prometheusAddress != nil) ?? []).map(utilization)
    // A companion (a backend) wakes with the App whose requests it serves, in the same cycle; a
    // schedule pre-warms the app; a queue or a query is the app's own work. All belong to the stable
    // revision: a canary scales on its own share of the route.
    guard revision.role == .stable, let scaling else { return triggers }
    if let query = scaling.prometheusQuery, let address = scaling.prometheusAddress {
      triggers.append(prometheus(query, serverAddress: address))
    }
    triggers += scaling.triggers.enumerated().map { custom($1, authentication: TriggerAuthentications.name(app, $1, index: $0)) }
    if let wakeWith = scaling.wakeWith {
      triggers.append(externalPush(httpScaledObject: wakeWith))
    }
    return triggers + scaling.schedules.map(cron)
  }

  /// Envoy's request rate for the App's route, through Prometheus, `requestsPerReplica` per replica.
  static func requestRate(_ app: AppSpec, _ revision: Revision, prometheusAddress: String) -> Value {
    let requests = app.scaling?.requestsPerReplica ?? 100
    var query = "sum(rate(envoy_cluster_upstream_rq_total{envoy_cluster_name=~\"httproute/\(app.namespace)/\(app.name)/.*\"}[2m]))"
    // The pattern counts the route's requests (Envoy Gateway before 1.4 keeps one cluster for a rule's
    // backends): each revision carries its weight's share.
    if app.canary != nil { query += " * \(revision.weight) / 100" }
    return [
      "type": "prometheus",
      "metadata": ["serverAddress": .string(prometheusAddress), "query": .string(query), "threshold": .string(String(requests))],
    ]
  }

  /// `utilization` percent of the pods' requests of `resource` (`cpu` or `memory`).
  static func utilization(_ target: (resource: String, utilization: Int)) -> Value {
    ["type": .string(target.resource), "metricType": "Utilization", "metadata": ["value": .string(String(target.utilization))]]
  }

  /// KEDA's `prometheus` scaler on the App's own query.
  static func prometheus(_ query: PrometheusQuery, serverAddress: String) -> Value {
    var metadata: Value = [
      "serverAddress": .string(serverAddress), "query": .string(query.query), "threshold": .string(formatNumber(query.threshold)),
    ]
    if let activation = query.activationThreshold { metadata["activationThreshold"] = .string(formatNumber(activation)) }
    var trigger: Value = ["type": "prometheus", "metadata": metadata]
    if let metricType = query.metricType { trigger["metricType"] = .string(metricType) }
    return trigger
  }

  /// One of `spec.scaling.triggers`, as written, with its TriggerAuthentication's name.
  static func custom(_ trigger: CustomTrigger, authentication: String?) -> Value {
    var value: Value = [
      "type": .string(trigger.type),
      "metadata": .object(JSONObject(trigger.metadata.mapValues(Value.string))),
    ]
    if let name = trigger.name { value["name"] = .string(name) }
    if let metricType = trigger.metricType { value["metricType"] = .string(metricType) }
    if let authentication { value["authenticationRef"] = ["name": .string(authentication)] }
    return value
  }

  /// Scales on the interceptor's queue for an HTTPScaledObject, which the add-on's external scaler
  /// pushes (so it also wakes the app from zero). The HTTPScaledObject must be in the ScaledObject's
  /// own namespace.
  static func externalPush(httpScaledObject: String) -> Value {
    [
      "type": "external-push",
      "metadata": ["httpScaledObject": .string(httpScaledObject), "scalerAddress": .string(externalScalerAddress)],
    ]
  }

  /// A pre-warm window: KEDA's cron scaler holds at least `replicas` between start and end (the HPA
  /// takes the largest of all triggers), from zero too.
  static func cron(_ schedule: CronSchedule) -> Value {
    [
      "type": "cron",
      "metadata": [
        "timezone": .string(schedule.timezone), "start": .string(schedule.start), "end": .string(schedule.end),
        "desiredReplicas": .string(String(schedule.replicas)),
      ],
    ]
  }
}
