/// `spec.scaling.behavior`: the HPA's `behavior` (`scaleUp` / `scaleDown`, each with
/// `stabilizationWindowSeconds`, `selectPolicy` and `policies`), rebuilt from the checked fields so
/// that only what the HPA understands reaches it (KEDA passes it on as
/// `advanced.horizontalPodAutoscalerConfig.behavior`).
enum HPABehavior {
  static func read(_ fields: FieldReader) -> Value? {
    guard fields.exists else { return nil }
    fields.rejectUnknownKeys(allowed: ["scaleUp", "scaleDown"])
    var behavior: JSONObject = [:]
    for direction in ["scaleUp", "scaleDown"] {
      let rules = fields.child(direction)
      guard rules.exists else { continue }
      rules.rejectUnknownKeys(allowed: ["stabilizationWindowSeconds", "selectPolicy", "policies"])
      var rule: JSONObject = [:]
      if let window = rules.int("stabilizationWindowSeconds", min: 0, max: 3600) {
        rule["stabilizationWindowSeconds"] = Value(window)
      }
      if let select = rules.oneOf("selectPolicy", ["Max", "Min", "Disabled"]) {
        rule["selectPolicy"] = .string(select)
      }
      if let policies = policies(rules) {
        rule["policies"] = .array(policies)
      }
      behavior[direction] = .object(rule)
    }
    return .object(behavior)
  }

  private static func policies(_ rules: FieldReader) -> [Value]? {
    guard let items = rules.objectItems("policies", of: "type, value and periodSeconds") else { return nil }
    // An empty list reaches the HPA as no list (`omitempty`): its default policies would apply, the
    // opposite of what an empty list reads as.
    rules.require(
      rules.raw("policies")?.arrayValue?.isEmpty != true,
      UserError(
        "\(rules.fieldPath("policies")): is empty, which KEDA passes to the HPA as no policies at all, so the HPA's defaults "
          + "would apply; add a policy, or remove policies to say that the defaults are meant", path: rules.fieldPath("policies")))
    var policies: [Value] = []
    for policy in items {
      policy.rejectUnknownKeys(allowed: ["type", "value", "periodSeconds"])
      let type = policy.oneOf("type", ["Pods", "Percent"])
      let value = policy.int("value", min: 1)
      let period = policy.int("periodSeconds", min: 1, max: 1800)
      for (key, expected) in [
        ("type", "one of \"Pods\" or \"Percent\""), ("value", "an integer >= 1"), ("periodSeconds", "an integer between 1 and 1800"),
      ] {
        policy.require(
          policy.raw(key) != nil,
          .field(policy.fieldPath(key), expected: "\(expected) (the field is required)", got: nil, wantsString: key == "type"))
      }
      if let type, let value, let period {
        policies.append(["type": .string(type), "value": Value(value), "periodSeconds": Value(period)])
      }
    }
    return policies
  }
}
