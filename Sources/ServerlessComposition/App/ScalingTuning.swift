import Foundation

/// How an App's scaling is tuned beyond the KCL (`spec.scaling.*`): the cold-start wait and its
/// fallback, the idle time before zero, the per-replica target, HPA behaviour, the polling interval and
/// pre-warm schedules. Every field is opt-in except the cold-start wait, which every scale-to-zero App
/// behind the gateway gets so that no request is lost to a slow start. What each field sets, and
/// where, is in the README's "Tuning scale to zero".
struct ScalingTuning {
  /// The wait KEDA's interceptor gives a request while the app wakes, unless the XR says otherwise.
  static let defaultColdStartTimeout = "60s"
  /// The default wait when the app's database hibernates too: the app's start plus the database's
  /// resume (tens of seconds for a small one; CloudNativePG documents no bound).
  static let hibernatedColdStartTimeout = 120

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

  /// The add-on's delay before a fallback answers (`coldStartTimeoutFailoverRef.timeoutSeconds`).
  static let addOnFallbackDelay = 30

  /// Seconds the interceptor really holds a request for an app at zero. With a fallback the add-on
  /// replaces the wait by the fallback's delay (`timeoutSeconds`, default 30 s): after it, the
  /// fallback answers; without one, the wait is `conditionWait`.
  var interceptorWait: Int {
    guard let fallback = coldStart.fallback else { return coldStart.timeout }
    return fallbackDelay(fallback)
  }

  /// `after`, else the add-on's 30 s, never beyond the cold-start timeout.
  func fallbackDelay(_ fallback: Fallback) -> Int {
    fallback.after ?? min(Self.addOnFallbackDelay, coldStart.timeout)
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
    let defaultTimeout = Durations.seconds(Self.defaultColdStartTimeout)!
    let coldStartFields = problems.check { () throws(UserError) in try scaling.child("coldStart") }
    let timeout = problems.check { () throws(UserError) in
      try coldStartFields?.duration("timeout", default: Self.defaultColdStartTimeout, max: 3600)
    }
    let fallback = problems.check { () throws(UserError) -> Fallback? in
      guard let coldStartFields else { return nil }
      return try Self.fallback(coldStartFields.child("fallback"))
    }
    coldStart = ColdStart(timeout: (timeout ?? nil) ?? defaultTimeout, isSet: coldStartFields?.exists ?? true, fallback: fallback ?? nil)
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
    var found = ProblemList()
    let concurrency = found.check { () throws(UserError) in try fields.int("concurrency", min: 1) } ?? nil
    let rate = found.check { () throws(UserError) in try fields.child("requestRate") }
    try found.throwIfAny()
    guard let rate else { return nil }
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
    problems.add(fields.unknownKeys(allowed: ["scaleUp", "scaleDown"]))
    var behavior: [String: Value] = [:]
    for direction in ["scaleUp", "scaleDown"] {
      guard let rules = problems.check({ () throws(UserError) in try fields.child(direction) }), rules.exists else { continue }
      problems.add(rules.unknownKeys(allowed: ["stabilizationWindowSeconds", "selectPolicy", "policies"]))
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
    var problems = ProblemList()
    guard let items = try rules.objectItems("policies", of: "type, value and periodSeconds", problems: &problems) else { return nil }
    var policies: [Value] = []
    for policy in items {
      problems.add(policy.unknownKeys(allowed: ["type", "value", "periodSeconds"]))
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
    var problems = ProblemList()
    let items = try scaling.objectItems("schedules", of: "start, end, timezone and replicas", problems: &problems) ?? []
    var schedules: [Schedule] = []
    for fields in items {
      let start = problems.check { () throws(UserError) in try Self.cron(fields, "start") }
      let end = problems.check { () throws(UserError) in try Self.cron(fields, "end") }
      let timezone = problems.check { () throws(UserError) in
        let zone = try fields.string("timezone", default: "Etc/UTC")!
        guard Self.isIANAZone(zone) else {
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

  /// A name in the IANA time zone database, as Go's `time.LoadLocation` (KEDA's cron scaler) loads
  /// it: Foundation's known zones, `UTC` and the `Etc/` zones; not offsets such as `GMT+5` or `UTC+1`,
  /// which Foundation accepts and Go does not.
  static func isIANAZone(_ zone: String) -> Bool {
    zone == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(zone)
      || (zone.hasPrefix("Etc/") && TimeZone(identifier: zone) != nil)
  }

  /// Each field of a 5-field cron expression: its range and, for month and day of week, its names
  /// (the syntax of robfig/cron, KEDA's parser).
  private static let cronFields: [(name: String, range: ClosedRange<Int>, names: [String])] = [
    ("minute", 0...59, []), ("hour", 0...23, []), ("day of month", 1...31, []),
    ("month", 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
    ("day of week", 0...6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
  ]

  /// A 5-field cron expression (minute hour day-of-month month day-of-week), as KEDA's cron scaler reads it.
  private static func cron(_ fields: Fields, _ key: String) throws(UserError) -> String {
    let expected = "a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. \"0 8 * * 1-5\""
    guard let text = try fields.string(key) else { throw .field(fields.fieldPath(key), expected: expected, got: nil) }
    let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard parts.count == 5 else { throw .field(fields.fieldPath(key), expected: expected, got: .string(text)) }
    for (part, field) in zip(parts, cronFields) where !isCronField(part, range: field.range, names: field.names) {
      throw UserError(
        "\(fields.fieldPath(key)): \(UserError.quoted(part)) is not a valid \(field.name) in \(UserError.quoted(text)) "
          + "(\(field.range.lowerBound)-\(field.range.upperBound)\(field.names.isEmpty ? "" : " or \(field.names.first!)-\(field.names.last!)"), "
          + "*, lists a,b, ranges a-b and steps /n)", path: fields.fieldPath(key))
    }
    return parts.joined(separator: " ")
  }

  /// `*`, `?`, `5`, `1-5`, `*/15`, `1-30/5`, `MON-FRI`, and comma-separated lists of them.
  private static func isCronField(_ field: String, range: ClosedRange<Int>, names: [String]) -> Bool {
    func value(_ text: Substring) -> Int? {
      if let number = Int(text) { return range.contains(number) ? number : nil }
      return names.firstIndex(of: text.uppercased()).map { $0 + range.lowerBound }
    }
    return field.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
      let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
      guard (1...2).contains(pieces.count) else { return false }
      if pieces.count == 2, Int(pieces[1]).map({ $0 >= 1 }) != true { return false }
      let base = pieces[0]
      if base == "*" || base == "?" { return true }
      let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(bounds.count), let low = value(bounds[0]) else { return false }
      guard bounds.count == 2 else { return true }
      guard let high = value(bounds[1]) else { return false }
      return low <= high
    }
  }
}
