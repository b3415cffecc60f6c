extension ScalingSpec {
  static func resourceTarget(_ fields: FieldReader) -> ResourceTarget? {
    guard fields.exists else { return nil }
    return ResourceTarget(
      enabled: fields.bool("enabled", default: true),
      utilization: fields.int("utilization", default: ResourceTarget.defaultUtilization, min: 1, max: 1000))
  }

  static func prometheusQuery(_ fields: FieldReader) -> PrometheusQuery? {
    guard fields.exists else { return nil }
    let query = fields.requiredString("query")
    fields.require(
      query?.trimmingWhitespace.isEmpty != true,
      .field(fields.fieldPath("query"), expected: "a PromQL query (the field is required)", got: .string(query ?? "")))
    let threshold = fields.number("threshold", above: 0)
    fields.require(
      fields.raw("threshold") != nil,
      .field(fields.fieldPath("threshold"), expected: "the query's value per replica, a number above 0", got: nil))
    let activation = fields.number("activationThreshold", atLeast: 0)
    guard let query, let threshold else { return nil }
    return PrometheusQuery(
      query: query, threshold: threshold, activationThreshold: activation,
      replacesRequestRate: fields.bool("replacesRequestRate", default: false),
      metricType: fields.oneOf("metricType", ["AverageValue", "Value"]))
  }

  static func customTrigger(_ fields: FieldReader) -> CustomTrigger? {
    let type = fields.requiredString("type")
    let name = fields.dnsLabel("name")
    let metadata = fields.stringMap("metadata") ?? [:]
    let metricType = fields.oneOf("metricType", ["AverageValue", "Value"])
    let authentication = triggerAuthentication(fields.child("authentication"))
    guard let type else { return nil }
    return CustomTrigger(type: type, name: name, metadata: metadata, metricType: metricType, authentication: authentication)
  }

  static func triggerAuthentication(_ fields: FieldReader) -> CustomTrigger.Authentication? {
    guard fields.exists else { return nil }
    let (secretGiven, refGiven) = (fields.raw("secret") != nil, fields.raw("ref") != nil)
    switch (secretGiven, refGiven) {
    case (true, false):
      let secret = fields.dnsSubdomain("secret")
      let parameters = fields.stringMap("parameters") ?? [:]
      fields.require(
        !parameters.isEmpty,
        UserError(
          "\(fields.fieldPath("parameters")): name at least one scaler parameter and the key of the Secret that holds it "
            + "(for example host: connection-string)", path: fields.fieldPath("parameters")))
      return secret.map { .secret(name: $0, parameters: parameters) }
    case (false, true):
      return fields.dnsSubdomain("ref").map(CustomTrigger.Authentication.reference)
    case (true, true):
      fields.report(
        UserError(
          "\(fields.path): secret (a TriggerAuthentication composed from a Secret) and ref (an existing one) are alternatives; "
            + "keep one of them", path: fields.path))
    case (false, false):
      fields.report(
        UserError(
          "\(fields.path): set secret with parameters (a TriggerAuthentication composed from that Secret) or ref (an "
            + "existing TriggerAuthentication in the App's namespace)", path: fields.path))
    }
    return nil
  }
}

extension String {
  var trimmingWhitespace: Substring {
    let start = firstIndex { !$0.isWhitespace } ?? endIndex
    let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
    return self[start..<max(start, end)]
  }
}
