/// The triggers of a revision's ScaledObject, one function per KEDA scaler. KEDA's HPA scales to the
/// largest replica count any trigger asks for.
enum ScalingTriggers {
  static let externalScalerAddress = "keda-add-ons-http-external-scaler.keda:9090"

  /// In order: what the app scales on (Envoy's request rate and, at zero, the interceptor's queue; or
  /// CPU and memory), the App it wakes with, then its pre-warm schedules.
  static func triggers(_ app: AppSpec, _ revision: Revision) -> [Value] {
    var triggers: [Value]
    if let prometheusAddress = app.prometheusAddress {
      triggers = [requestRate(app, revision, prometheusAddress: prometheusAddress)]
      // At zero there is no traffic for Prometheus to see: the interceptor's queue wakes the app.
      if app.scalesToZeroBehindGateway {
        triggers.append(externalPush(httpScaledObject: revision.name))
      }
    } else {
      triggers = ["cpu", "memory"].map(utilization)
    }
    // A companion (a backend) wakes with the App whose requests it serves, in the same cycle; a
    // schedule pre-warms the app. Both belong to the stable revision: a canary scales on its own share.
    guard revision.role == .stable, let scaling = app.scaling else { return triggers }
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

  /// 80% of the pods' requests of `resource` (`cpu` or `memory`).
  static func utilization(_ resource: String) -> Value {
    ["type": .string(resource), "metricType": "Utilization", "metadata": ["value": "80"]]
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
