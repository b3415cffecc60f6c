import Foundation

/// How an App's scaling is tuned beyond the KCL (`spec.scaling.*`): the cold-start wait and its
/// fallback, the idle time before zero, the per-replica target, HPA behaviour, the polling interval and
/// pre-warm schedules. Every field is opt-in except the cold-start wait, which every scale-to-zero App
/// behind the gateway gets so that no request is lost to a slow start. What each field sets, and
/// where, is in the README's "Tuning scale to zero" and `../shared/docs/scale-to-zero-semantics.md`.
struct ScalingTuning {
  /// The wait KEDA's interceptor gives a request while the app wakes, unless the XR says otherwise.
  static let defaultColdStartTimeout = "60s"

  struct ColdStart {
    /// Seconds a request may wait for the app to wake (the HTTPScaledObject's `conditionWait`).
    var timeout: Int
    /// The XR sets `spec.scaling.coldStart` itself (not only the default wait).
    var isSet: Bool
    var fallback: Fallback?
  }

  /// A Service that answers while the app wakes (a "starting..." page).
  struct Fallback {
    var service: String
    var port: Int
    /// Seconds before a waiting request goes to the fallback; nil is the add-on's default (30 s).
    var after: Int?
  }

  /// What one replica should carry, as the interceptor measures it (Knative's two metrics).
  enum Target {
    case concurrency(Int)
    case requestRate(perSecond: Int, window: Int)
  }

  /// A window in which the app holds at least `replicas` (a KEDA cron trigger).
  struct Schedule {
    var start: String
    var end: String
    var timezone: String
    var replicas: Int
  }

  var coldStart: ColdStart
  /// Seconds of idleness before the app goes to zero (ScaledObject `cooldownPeriod`).
  var scaleToZeroAfter: Int?
  var target: Target?
  /// The HPA's `behavior`, checked field by field.
  var behavior: Value?
  var pollingInterval: Int?
  var schedules: [Schedule]

  /// Reads `spec.scaling`'s tuning fields, collecting every problem.
  init(_ scaling: Fields) throws(UserError) {
    var problems = ProblemList()
    let coldStartFields = try scaling.child("coldStart")
    coldStart =
      problems.check { () throws(UserError) in
        ColdStart(
          timeout: try coldStartFields.duration("timeout", default: Self.defaultColdStartTimeout, max: 3600)
            ?? Durations.seconds(Self.defaultColdStartTimeout)!,
          isSet: coldStartFields.exists, fallback: try Self.fallback(coldStartFields.child("fallback")))
      } ?? ColdStart(timeout: 60, isSet: true, fallback: nil)
    scaleToZeroAfter = problems.check { () throws(UserError) in try scaling.duration("scaleToZeroAfter") } ?? nil
    target = problems.check { () throws(UserError) in try Self.target(scaling.child("target")) } ?? nil
    behavior = problems.check { () throws(UserError) in try Self.behavior(scaling.child("behavior")) } ?? nil
    pollingInterval = problems.check { () throws(UserError) in try scaling.int("pollingInterval", min: 1, max: 3600) } ?? nil
    schedules = problems.check { () throws(UserError) in try Self.schedules(scaling) } ?? []
    try problems.throwIfAny()
  }

  private static func fallback(_ fields: Fields) throws(UserError) -> Fallback? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    let service = problems.check { () throws(UserError) in try fields.requiredDNSLabel("service") }
    let port = problems.check { () throws(UserError) in try fields.int("port", min: 1, max: 65535) }
    if fields.raw("port") == nil {
      problems.add(.field(fields.fieldPath("port"), expected: "the fallback Service's port (the field is required)", got: nil))
    }
    let after = problems.check { () throws(UserError) in try fields.duration("after", max: 3600) } ?? nil
    try problems.throwIfAny()
    return Fallback(service: service!, port: port!!, after: after)
  }

  private static func target(_ fields: Fields) throws(UserError) -> Target? {
    guard fields.exists else { return nil }
    let concurrency = try fields.int("concurrency", min: 1)
    let rate = try fields.child("requestRate")
    switch (concurrency, rate.exists) {
    case (let concurrency?, false):
      return .concurrency(concurrency)
    case (nil, true):
      var problems = ProblemList()
      let perSecond = problems.check { () throws(UserError) in try rate.int("perSecond", min: 1) }
      if rate.raw("perSecond") == nil {
        problems.add(.field(rate.fieldPath("perSecond"), expected: "requests per second per replica, an integer >= 1", got: nil))
      }
      let window = problems.check { () throws(UserError) in try rate.duration("window", default: "1m", max: 3600) }
      try problems.throwIfAny()
      return .requestRate(perSecond: perSecond!!, window: window!!)
    case (.some, true):
      throw UserError(
        "\(fields.path): concurrency and requestRate are alternatives (the add-on scales on one metric); keep one of them",
        path: fields.path)
    case (nil, false):
      throw UserError(
        "\(fields.path): set concurrency (in-flight requests per replica) or requestRate.perSecond (requests per second per replica)",
        path: fields.path)
    }
  }

  /// `scaleUp` / `scaleDown`, each with `stabilizationWindowSeconds`, `selectPolicy` and `policies`,
  /// rebuilt from the checked fields so that only what the HPA understands reaches it.
  private static func behavior(_ fields: Fields) throws(UserError) -> Value? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    var behavior: [String: Value] = [:]
    for direction in ["scaleUp", "scaleDown"] {
      guard let rules = problems.check({ () throws(UserError) in try fields.child(direction) }), rules.exists else { continue }
      var rule: [String: Value] = [:]
      if let window = problems.check({ () throws(UserError) in try rules.int("stabilizationWindowSeconds", min: 0, max: 3600) }) ?? nil {
        rule["stabilizationWindowSeconds"] = Value(window)
      }
      if let select = problems.check({ () throws(UserError) in try rules.oneOf("selectPolicy", ["Max", "Min", "Disabled"]) }) ?? nil {
        rule["selectPolicy"] = .string(select)
      }
      if let policies = problems.check({ () throws(UserError) in try Self.policies(rules) }) ?? nil {
        rule["policies"] = .array(policies)
      }
      behavior[direction] = .object(rule)
    }
    try problems.throwIfAny()
    return .object(behavior)
  }

  private static func policies(_ rules: Fields) throws(UserError) -> [Value]? {
    guard let raw = rules.raw("policies") else { return nil }
    guard case .array(let items) = raw else { throw .field(rules.fieldPath("policies"), expected: "an array", got: raw) }
    var problems = ProblemList()
    var policies: [Value] = []
    for (index, item) in items.enumerated() {
      let path = "\(rules.fieldPath("policies"))[\(index)]"
      guard case .object = item, let policy = try? Fields(item, path: path) else {
        problems.add(.field(path, expected: "an object with type, value and periodSeconds", got: item))
        continue
      }
      let type = problems.check { () throws(UserError) in try policy.oneOf("type", ["Pods", "Percent"]) } ?? nil
      let value = problems.check { () throws(UserError) in try policy.int("value", min: 1) } ?? nil
      let period = problems.check { () throws(UserError) in try policy.int("periodSeconds", min: 1, max: 1800) } ?? nil
      for (key, expected) in [("type", "one of \"Pods\" or \"Percent\""), ("value", "an integer >= 1"), ("periodSeconds", "an integer between 1 and 1800")]
      where policy.raw(key) == nil {
        problems.add(.field(policy.fieldPath(key), expected: "\(expected) (the field is required)", got: nil))
      }
      if let type, let value, let period {
        policies.append(["type": .string(type), "value": Value(value), "periodSeconds": Value(period)])
      }
    }
    try problems.throwIfAny()
    return policies
  }

  private static func schedules(_ scaling: Fields) throws(UserError) -> [Schedule] {
    guard let raw = scaling.raw("schedules") else { return [] }
    guard case .array(let items) = raw else { throw .field(scaling.fieldPath("schedules"), expected: "an array", got: raw) }
    var problems = ProblemList()
    var schedules: [Schedule] = []
    for (index, item) in items.enumerated() {
      let path = "\(scaling.fieldPath("schedules"))[\(index)]"
      guard case .object = item, let fields = try? Fields(item, path: path) else {
        problems.add(.field(path, expected: "an object with start, end, timezone and replicas", got: item))
        continue
      }
      let start = problems.check { () throws(UserError) in try Self.cron(fields, "start") }
      let end = problems.check { () throws(UserError) in try Self.cron(fields, "end") }
      let timezone = problems.check { () throws(UserError) in
        let zone = try fields.string("timezone", default: "Etc/UTC")!
        guard TimeZone(identifier: zone) != nil else {
          throw .field(fields.fieldPath("timezone"), expected: "an IANA time zone name such as Europe/Berlin or Etc/UTC", got: .string(zone))
        }
        return zone
      }
      let replicas = problems.check { () throws(UserError) in try fields.int("replicas", default: 1, min: 1)! }
      if let start, let end, start == end {
        problems.add(
          UserError("\(fields.fieldPath("end")): equals start (\(start)); a window needs different start and end times", path: fields.fieldPath("end")))
      }
      if let start, let end, let timezone, let replicas {
        schedules.append(Schedule(start: start, end: end, timezone: timezone, replicas: replicas))
      }
    }
    try problems.throwIfAny()
    return schedules
  }

  /// A 5-field cron expression (minute hour day-of-month month day-of-week), as KEDA's cron scaler reads it.
  private static func cron(_ fields: Fields, _ key: String) throws(UserError) -> String {
    let expected = "a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. \"0 8 * * 1-5\""
    guard let text = try fields.string(key) else { throw .field(fields.fieldPath(key), expected: expected, got: nil) }
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    let allowed = Set("0123456789*/,-?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    guard parts.count == 5, parts.allSatisfy({ $0.allSatisfy(allowed.contains) }) else {
      throw .field(fields.fieldPath(key), expected: expected, got: .string(text))
    }
    return parts.joined(separator: " ")
  }
}
