/// Rules across the App's fields: combinations that are valid field by field but cannot work. Each
/// problem names the field to change and how; every one is reported.
extension AppSpec {
  func validate(_ log: ProblemLog) {
    let toZero = scalingEnabled && minReplicas == 0
    if toZero && routing == .none {
      log.require(
        scaling?.wakeWith != nil || scaling?.hasWakingTrigger == true,
        UserError(
          "spec.minReplicas: 0 with spec.routing: none needs something to wake the app from zero: it has no traffic of its "
            + "own, and KEDA refuses to scale to zero on cpu and memory alone; name the App whose requests should wake it "
            + "(spec.scaling.wakeWith), the queue it works on (spec.scaling.triggers) or a query (spec.scaling.prometheusQuery), "
            + "or set spec.minReplicas to 1 or more",
          path: "spec.minReplicas"))
    } else if toZero {
      log.require(
        prometheusAddress != nil,
        UserError(
          "spec.minReplicas: 0 needs spec.scaling.prometheusAddress: CPU and memory cannot wake an app that runs no pods; "
            + "set spec.scaling.prometheusAddress (or leave it out to get the default) or set spec.minReplicas to 1 or more",
          path: "spec.minReplicas"))
    }
    log.require(
      !(scalingEnabled && minReplicas > maxReplicas),
      UserError(
        "spec.minReplicas: \(minReplicas) is above spec.maxReplicas (\(maxReplicas)); set spec.minReplicas <= spec.maxReplicas",
        path: "spec.minReplicas"))
    log.require(
      !(database.cnpg?.hibernate == true && !toZero),
      UserError(
        "spec.db.cnpg.hibernate: the database sleeps while the app sits at zero, which needs spec.scaling.enabled: true "
          + "and spec.minReplicas: 0; set them, or remove hibernate", path: "spec.db.cnpg.hibernate"))
    validateDatabase(log)
    validateContainer(log)
    validateRightsizing(log)
    validateScaledObjectNames(log)
    log.require(
      !alerts || scalesToZeroBehindGateway,
      UserError(
        "spec.alerts.enabled: the App's alert is on its cold-start wait, which only an app that scales to zero behind the "
          + "gateway has; that takes spec.scaling.enabled: true, spec.minReplicas: 0, spec.routing: gateway-api and a "
          + "spec.scaling.prometheusAddress (the Cluster's spec.parameters.monitoring covers every App's scaling)",
        path: "spec.alerts.enabled"))
    if let wakeWith = scaling?.wakeWith {
      log.require(
        wakeWith != name,
        UserError(
          "spec.scaling.wakeWith: names this App itself; name the App (its frontend, say) whose requests should wake it",
          path: "spec.scaling.wakeWith"))
      log.require(
        scalingEnabled,
        UserError(
          "spec.scaling.wakeWith: is a KEDA trigger, read only with spec.scaling.enabled: true; enable scaling or remove it",
          path: "spec.scaling.wakeWith"))
    }
    if let scaling {
      validateTuning(scaling, log)
      if scalingEnabled { validateTriggers(scaling, log) }
    }
    if let canary { validateCanary(canary, log) }
  }

  private func validateDatabase(_ log: ProblemLog) {
    guard database.cnpg != nil else { return }
    if database.secret != nil {
      log.add(
        UserError(
          "spec.db: cnpg (a database the App runs) and secret (credentials of a database elsewhere, through External "
            + "Secrets) are alternatives; keep one of them", path: "spec.db"))
      return
    }
    for (field, set) in [("name", database.name != nil), ("storeName", database.storeName != nil)] where set {
      log.add(
        UserError(
          "spec.db.\(field): belongs to spec.db.secret (a database elsewhere); the database spec.db.cnpg runs is "
            + "CloudNativePG's `app`, and its connection comes from the Secret <app>-app; remove it", path: "spec.db.\(field)"))
    }
  }

  /// A canary that cannot be routed or that runs the stable version.
  private func validateCanary(_ canary: Canary, _ log: ProblemLog) {
    log.require(
      canary.tag != tag,
      UserError(
        "spec.canary.tag: \(canary.tag) is spec.tag too: the canary runs another version of the image; set the new "
          + "version's tag, or remove spec.canary", path: "spec.canary.tag"))
    let canaryName = names.canary
    log.require(
      canaryName.count <= Naming.maxDNSLabelLength,
      UserError(
        "spec.canary: the canary's Deployment and Service would be named \(canaryName), longer than a Kubernetes name's "
          + "\(Naming.maxDNSLabelLength) characters; give the App a name of at most \(Naming.maxDNSLabelLength - 7) "
          + "characters, or remove spec.canary", path: "spec.canary"))
    switch routing {
    case .gatewayAPI: break
    case .ingress:
      log.add(
        UserError(
          "spec.canary: the split between the two revisions needs spec.routing: gateway-api (an HTTPRoute's weighted "
            + "backendRefs); an Ingress (spec.routing: ingress, also its default) has no weights; set spec.routing: "
            + "gateway-api, or remove spec.canary", path: "spec.canary"))
    case .none:
      log.add(
        UserError(
          "spec.canary: splits the app's route between two revisions, and spec.routing: none has no route; set "
            + "spec.routing: gateway-api, or remove spec.canary", path: "spec.canary"))
    }
  }

  /// Tuning fields set where they cannot act: each says which fields would make them act.
  private func validateTuning(_ scaling: ScalingSpec, _ log: ProblemLog) {
    let toZeroBehindGateway =
      "spec.scaling.enabled: true, spec.minReplicas: 0, spec.routing: gateway-api and a spec.scaling.prometheusAddress"
    if !scalesToZeroBehindGateway {
      log.require(
        !scaling.coldStart.isSet,
        UserError(
          "spec.scaling.coldStart: acts only on an app that scales to zero behind the gateway (the interceptor holds its "
            + "requests); that takes \(toZeroBehindGateway)", path: "spec.scaling.coldStart"))
      log.require(
        scaling.target == nil,
        UserError(
          "spec.scaling.target: is what the HTTP add-on's interceptor measures, which only an app that scales to zero behind "
            + "the gateway has; that takes \(toZeroBehindGateway) (spec.scaling.requestsPerReplica sets the Prometheus target)",
          path: "spec.scaling.target"))
    }
    if let after = scaling.coldStart.fallback?.after {
      log.require(
        after <= scaling.coldStart.timeout,
        UserError(
          "spec.scaling.coldStart.fallback.after: \(Durations.text(after)) is above spec.scaling.coldStart.timeout "
            + "(\(Durations.text(scaling.coldStart.timeout))): the interceptor hands a waiting request to the fallback after "
            + "`after`, which must come within the longest wait; make it at most the timeout",
          path: "spec.scaling.coldStart.fallback.after"))
    }
    log.require(
      scaling.scaleToZeroAfter == nil || (scalingEnabled && minReplicas == 0),
      UserError(
        "spec.scaling.scaleToZeroAfter: the idle time before zero acts only when the app may go to zero; "
          + "set spec.scaling.enabled: true and spec.minReplicas: 0, or remove it", path: "spec.scaling.scaleToZeroAfter"))
    if !scalingEnabled {
      for (field, set) in [
        ("behavior", scaling.behavior != nil), ("pollingInterval", scaling.pollingInterval != nil),
        ("schedules", !scaling.schedules.isEmpty), ("cpu", scaling.cpu != nil), ("memory", scaling.memory != nil),
        ("prometheusQuery", scaling.prometheusQuery != nil), ("triggers", !scaling.triggers.isEmpty),
      ] where set {
        log.add(
          UserError(
            "spec.scaling.\(field): KEDA reads it only with spec.scaling.enabled: true; enable scaling or remove it",
            path: "spec.scaling.\(field)"))
      }
    }
    for (index, schedule) in scaling.schedules.enumerated() where schedule.replicas > maxReplicas {
      log.add(
        UserError(
          "spec.scaling.schedules[\(index)].replicas: \(schedule.replicas) is above spec.maxReplicas (\(maxReplicas)); "
            + "lower it or raise spec.maxReplicas", path: "spec.scaling.schedules[\(index)].replicas"))
    }
  }
}
