extension ScalingSpec {
  /// Reads `spec.scaling`; nil when absent (scaling off). An empty `prometheusAddress` means CPU and
  /// memory.
  static func read(_ scaling: FieldReader) -> ScalingSpec? {
    guard scaling.exists else { return nil }
    let address = scaling.string("prometheusAddress", default: defaultPrometheusAddress)
    return ScalingSpec(
      enabled: scaling.bool("enabled", default: false),
      prometheusAddress: address.isEmpty ? nil : address,
      requestsPerReplica: scaling.int("requestsPerReplica", default: 100, min: 1),
      wakeWith: scaling.dnsLabel("wakeWith"),
      coldStart: coldStart(scaling.child("coldStart")),
      scaleToZeroAfter: scaling.duration("scaleToZeroAfter"),
      target: target(scaling.child("target")),
      behavior: HPABehavior.read(scaling.child("behavior")),
      pollingInterval: scaling.int("pollingInterval", min: 1, max: 3600),
      schedules: CronSchedule.read(scaling),
      cpu: resourceTarget(scaling.child("cpu")), memory: resourceTarget(scaling.child("memory")),
      prometheusQuery: prometheusQuery(scaling.child("prometheusQuery")),
      triggers: (scaling.objectItems("triggers", of: "type and metadata") ?? []).compactMap(customTrigger))
  }

  private static func coldStart(_ fields: FieldReader) -> ColdStart {
    ColdStart(
      timeout: fields.duration("timeout", max: 3600) ?? defaultColdStartTimeout, isSet: fields.exists,
      fallback: fallback(fields.child("fallback")))
  }

  private static func fallback(_ fields: FieldReader) -> Fallback? {
    guard fields.exists else { return nil }
    let service = fields.requiredDNSLabel("service")
    let port = fields.int("port", min: 1, max: 65535)
    fields.require(
      fields.raw("port") != nil,
      .field(fields.fieldPath("port"), expected: "the fallback Service's port (the field is required)", got: nil))
    let after = fields.duration("after", max: 3600)
    guard let service, let port else { return nil }
    return Fallback(service: service, port: port, after: after)
  }

  private static func target(_ fields: FieldReader) -> Target? {
    guard fields.exists else { return nil }
    let concurrency = fields.int("concurrency", min: 1)
    let rate = fields.child("requestRate")
    let (concurrencyGiven, rateGiven) = (fields.raw("concurrency") != nil, fields.raw("requestRate") != nil)
    // A wrong value is reported as such, not also as a missing one.
    guard !concurrencyGiven || concurrency != nil, !rateGiven || rate.exists else { return nil }
    switch (concurrencyGiven, rateGiven) {
    case (true, false):
      return concurrency.map(Target.concurrency)
    case (false, true):
      let perSecond = rate.int("perSecond", min: 1)
      rate.require(
        rate.raw("perSecond") != nil,
        .field(rate.fieldPath("perSecond"), expected: "requests per second per replica, an integer >= 1", got: nil))
      let window = rate.duration("window", max: 3600) ?? 60
      return perSecond.map { .requestRate(perSecond: $0, window: window) }
    case (true, true):
      fields.report(
        UserError(
          "\(fields.path): concurrency and requestRate are alternatives (the add-on scales on one metric); keep one of them",
          path: fields.path))
    case (false, false):
      fields.report(
        UserError(
          "\(fields.path): set concurrency (in-flight requests per replica) or requestRate.perSecond (requests per second per replica)",
          path: fields.path))
    }
    return nil
  }
}
