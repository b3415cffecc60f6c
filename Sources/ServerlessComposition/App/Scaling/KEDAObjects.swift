/// The KEDA objects of each revision: a ScaledObject on CPU/memory or on Envoy's request rate, and for
/// scale to zero an HTTPScaledObject that registers the host with the HTTP add-on's interceptor.
enum KEDAObjects {
  /// KEDA's idle time before zero when the ScaledObject sets no `cooldownPeriod` (seconds).
  static let kedaCooldownPeriod = 300

  /// A revision's ScaledObject.
  /// - Parameters:
  ///   - pauseScaleIn: KEDA's `paused-scale-in`, written when not nil (`RolloutScaleInPause`).
  ///   - keepsAPod: the route still goes to the Services of an App switching to zero (`RouteSwitch`):
  ///     at least one pod until the interceptor holds its requests.
  static func scaledObject(_ app: AppSpec, _ revision: Revision, pauseScaleIn: Bool?, keepsAPod: Bool = false) -> Value {
    var spec: Value = [
      "minReplicaCount": Value(keepsAPod ? max(1, app.minReplicas) : app.minReplicas),
      "maxReplicaCount": Value(app.maxReplicas),
      "scaleTargetRef": ["name": .string(revision.name)],
    ]
    if let scaling = app.scaling {
      if let pollingInterval = scaling.pollingInterval { spec["pollingInterval"] = Value(pollingInterval) }
      // KEDA's cooldown is only the step down to zero; the initial one keeps a fresh app up as long.
      if let idle = scaling.scaleToZeroAfter {
        spec["cooldownPeriod"] = Value(idle)
        spec["initialCooldownPeriod"] = Value(idle)
      }
      if let behavior = scaling.behavior { spec["advanced"] = ["horizontalPodAutoscalerConfig": ["behavior": behavior]] }
    }
    spec["triggers"] = .array(ScalingTriggers.triggers(app, revision))
    let annotations: Value? = pauseScaleIn.map { [RolloutScaleInPause.pauseScaleInAnnotation: .string($0 ? "true" : "false")] }
    return [
      "apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
      "metadata": AppComposition.metadata(app, revision, annotations: annotations),
      "spec": spec,
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
    if let scaling = app.scaling {
      // `responseHeader` is the app's time for its first byte once it serves: the interceptor's own
      // default (500 ms up to add-on 0.13) would cut any answer slower than that; Envoy's is 15 s.
      spec["timeouts"] = [
        "conditionWait": .string(Durations.text(scaling.coldStart.timeout)),
        "responseHeader": .string(Durations.text(AppRouting.envoyResponseTime)),
      ]
      if let fallback = scaling.coldStart.fallback {
        spec["coldStartTimeoutFailoverRef"] = [
          "service": .string(fallback.service), "port": Value(fallback.port),
          "timeoutSeconds": Value(scaling.fallbackDelay(fallback)),
        ]
      }
      switch scaling.target {
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
