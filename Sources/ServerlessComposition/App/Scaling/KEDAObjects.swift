/// The KEDA objects of each revision: a ScaledObject on CPU/memory or on Envoy's request rate, and for
/// scale to zero an HTTPScaledObject that registers the host with the HTTP add-on's interceptor.
enum KEDAObjects {
  static let externalScalerAddress = "keda-add-ons-http-external-scaler.keda:9090"

  /// A revision's ScaledObject.
  /// - Parameter pauseScaleIn: the revision's Deployment is rolling out (`RolloutScaleInPause`).
  static func scaledObject(_ app: AppSpec, _ revision: Revision, pauseScaleIn: Bool) -> Value {
    var triggers: [Value]
    if let prometheusAddress = app.prometheusAddress {
      let requests = app.scaling?.requestsPerReplica ?? 100
      var query = "sum(rate(envoy_cluster_upstream_rq_total{envoy_cluster_name=~\"httproute/\(app.namespace)/\(app.name)/.*\"}[2m]))"
      // The pattern counts the route's requests (Envoy Gateway before 1.4 keeps one cluster for a rule's
      // backends): each revision carries its weight's share.
      if app.canary != nil { query += " * \(revision.weight) / 100" }
      triggers = [
        [
          "type": "prometheus",
          "metadata": ["serverAddress": .string(prometheusAddress), "query": .string(query), "threshold": .string(String(requests))],
        ]
      ]
      // At zero there is no traffic for Prometheus to see: the interceptor's queue wakes the app.
      if app.scalesToZeroBehindGateway {
        triggers.append(externalPush(httpScaledObject: revision.name))
      }
    } else {
      triggers = ["cpu", "memory"].map { resource in
        ["type": .string(resource), "metricType": "Utilization", "metadata": ["value": "80"]]
      }
    }
    var spec: Value = [
      "minReplicaCount": Value(app.minReplicas),
      "maxReplicaCount": Value(app.maxReplicas),
      "scaleTargetRef": ["name": .string(revision.name)],
    ]
    // A companion (a backend) wakes with the App whose requests it serves, in the same cycle; a
    // schedule pre-warms the app. Both belong to the stable revision: a canary scales on its own share.
    if let wakeWith = app.scaling?.wakeWith, revision.role == .stable {
      triggers.append(externalPush(httpScaledObject: wakeWith))
    }
    if let tuning = app.scaling {
      if revision.role == .stable { triggers += tuning.schedules.map(cronTrigger) }
      if let pollingInterval = tuning.pollingInterval { spec["pollingInterval"] = Value(pollingInterval) }
      // KEDA's cooldown is only the step down to zero; the initial one keeps a fresh app up as long.
      if let idle = tuning.scaleToZeroAfter {
        spec["cooldownPeriod"] = Value(idle)
        spec["initialCooldownPeriod"] = Value(idle)
      }
      if let behavior = tuning.behavior { spec["advanced"] = ["horizontalPodAutoscalerConfig": ["behavior": behavior]] }
    }
    spec["triggers"] = .array(triggers)
    let annotations: Value? = pauseScaleIn ? [RolloutScaleInPause.pauseScaleInAnnotation: "true"] : nil
    return [
      "apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": AppComposition.metadata(app, revision, annotations: annotations),
      "spec": spec,
    ]
  }

  /// Scales on the interceptor's queue for an HTTPScaledObject, which the add-on's external scaler
  /// pushes (so it also wakes the app from zero). The HTTPScaledObject must be in the ScaledObject's
  /// own namespace.
  static func externalPush(httpScaledObject: String) -> Value {
    ["type": "external-push", "metadata": ["httpScaledObject": .string(httpScaledObject), "scalerAddress": .string(externalScalerAddress)]]
  }

  /// A pre-warm window: KEDA's cron scaler holds at least `replicas` between start and end (the HPA
  /// takes the largest of all triggers), from zero too.
  static func cronTrigger(_ schedule: CronSchedule) -> Value {
    [
      "type": "cron",
      "metadata": [
        "timezone": .string(schedule.timezone), "start": .string(schedule.start), "end": .string(schedule.end),
        "desiredReplicas": .string(String(schedule.replicas)),
      ],
    ]
  }

  /// The ScaledObject above already carries the external-push trigger, so the add-on must not create
  /// its own (`skip-scaledobject-creation`).
  ///
  /// What still acts on it with our own ScaledObject: the interceptor's wait for the app to wake
  /// (`timeouts.conditionWait`), the fallback Service while it wakes, and the metric the external
  /// scaler reports (`scalingMetric`).
  ///
  /// Both revisions' HTTPScaledObjects share the host. The canary's also matches the revision header
  /// the route sets; the stable one matches on the host alone, so the interceptor sends it whatever
  /// the canary's does not claim, including requests that reach it before the route's new filters
  /// while the change is being applied.
  static func httpScaledObject(_ app: AppSpec, _ revision: Revision) -> Value {
    var spec: Value = [
      "hosts": [.string(app.host)],
      "scaleTargetRef": ["name": .string(revision.name), "service": .string(revision.name), "port": Value(app.port)],
    ]
    if revision.role == .canary {
      spec["headers"] = [["name": .string(Revision.header), "value": .string(revision.role.rawValue)]]
    }
    if let tuning = app.scaling {
      // `responseHeader` is the app's time for its first byte once it serves: the interceptor's own
      // default (500 ms up to add-on 0.13) would cut any answer slower than that; Envoy's is 15 s.
      spec["timeouts"] = [
        "conditionWait": .string(Durations.text(tuning.coldStart.timeout)),
        "responseHeader": .string(Durations.text(AppRouting.envoyResponseTime)),
      ]
      if let fallback = tuning.coldStart.fallback {
        spec["coldStartTimeoutFailoverRef"] = [
          "service": .string(fallback.service), "port": Value(fallback.port),
          "timeoutSeconds": Value(tuning.fallbackDelay(fallback)),
        ]
      }
      switch tuning.target {
      case .concurrency(let concurrency)?:
        spec["scalingMetric"] = ["concurrency": ["targetValue": Value(concurrency)]]
      case .requestRate(let perSecond, let window)?:
        spec["scalingMetric"] = ["requestRate": ["targetValue": Value(perSecond), "window": .string(Durations.text(window))]]
      case nil:
        break
      }
    }
    return [
      "apiVersion": "http.keda.sh/v1alpha1",
      "kind": "HTTPScaledObject",
      "metadata": AppComposition.metadata(
        app, revision, annotations: ["httpscaledobject.keda.sh/skip-scaledobject-creation": "true"]),
      "spec": spec,
    ]
  }
}
