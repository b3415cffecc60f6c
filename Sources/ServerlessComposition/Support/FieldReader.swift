/// Typed, path-aware reads of an object in the XR or the step input, each problem recorded in one
/// shared `ProblemLog` instead of thrown, so that one Fatal names every mistake.
///
/// A read checks the JSON type and the bounds the XRD declares and returns nil (or, for a read with a
/// default, the default) when the value is absent or wrong; a wrong value is recorded with its full
/// field path. A value read from a reader whose log has problems is never composed: `finish()` throws
/// first. Defaults follow the API server's structural defaulting: they apply where the value is
/// absent, never over a value that is present. A JSON `null` counts as absent, as it does for the API
/// server's pruning of non-nullable fields.
struct FieldReader {
  /// The object, or nil when it is absent (or not an object, which is recorded).
  let object: JSONObject?
  /// Its path from the resource root, e.g. `spec.scaling`.
  let path: String
  let log: ProblemLog

  /// A reader of `value` at `path`; a value that is not an object is a problem, and reads below it
  /// find nothing.
  init(_ value: Value?, path: String, log: ProblemLog) {
    self.path = path
    self.log = log
    switch value {
    case nil, .null?: object = nil
    case .object(let o)?: object = o
    case let other?:
      object = nil
      log.add(.field(path, expected: "an object", got: other))
    }
  }

  var exists: Bool { object != nil }

  func fieldPath(_ key: String) -> String { "\(path).\(key)" }

  /// The value at `key`, nil when absent or null.
  func raw(_ key: String) -> Value? {
    switch object?[key] {
    case nil, .null?: nil
    case let value?: value
    }
  }

  func child(_ key: String) -> FieldReader {
    FieldReader(raw(key), path: fieldPath(key), log: log)
  }

  /// Records `problem` unless `holds`: a rule across fields, or one a single read cannot check.
  func require(_ holds: Bool, _ problem: @autoclosure () -> UserError) {
    log.require(holds, problem())
  }

  /// Records a problem found outside a read.
  func report(_ problem: UserError) { log.add(problem) }

  // MARK: strings

  func string(_ key: String) -> String? {
    switch raw(key) {
    case nil: return nil
    case .string(let s)?: return s
    case let other?:
      log.add(.field(fieldPath(key), expected: "a string", got: other, wantsString: true))
      return nil
    }
  }

  func string(_ key: String, default defaultValue: String) -> String {
    raw(key) == nil ? defaultValue : string(key) ?? defaultValue
  }

  /// A non-empty string that must be there.
  func requiredString(_ key: String) -> String? {
    guard raw(key) != nil else {
      log.add(.field(fieldPath(key), expected: "a string (the field is required)", got: nil, wantsString: true))
      return nil
    }
    guard let s = string(key) else { return nil }
    guard !s.isEmpty else {
      log.add(.field(fieldPath(key), expected: "a non-empty string (the field is required)", got: .string(s)))
      return nil
    }
    return s
  }

  /// A required string that must be a DNS label (a name or namespace).
  func requiredDNSLabel(_ key: String) -> String? {
    requiredString(key).flatMap { dnsLabel($0, at: key) }
  }

  /// An optional string that must be a DNS label when present.
  func dnsLabel(_ key: String) -> String? {
    string(key).flatMap { dnsLabel($0, at: key) }
  }

  /// An optional string that must be a DNS subdomain when present (most object names).
  func dnsSubdomain(_ key: String) -> String? {
    guard let name = string(key) else { return nil }
    guard Naming.isDNSSubdomain(name) else {
      log.add(
        .field(
          fieldPath(key), expected: "a Kubernetes object name (at most 253 lowercase letters, digits, '-' and '.')",
          got: .string(name), wantsString: true))
      return nil
    }
    return name
  }

  private func dnsLabel(_ label: String, at key: String) -> String? {
    if let problem = Naming.dnsLabelProblem(label, at: fieldPath(key)) {
      log.add(problem)
      return nil
    }
    return label
  }

  /// A string that must be one of `allowed`; nil when absent and without a default.
  func oneOf(_ key: String, _ allowed: [String], default defaultValue: String? = nil) -> String? {
    guard let s = raw(key) == nil ? defaultValue : string(key) else { return nil }
    guard allowed.contains(s) else {
      let choices = allowed.map { "\"\($0)\"" }.joined(separator: " or ")
      log.add(.field(fieldPath(key), expected: "one of \(choices)", got: .string(s), wantsString: true))
      return nil
    }
    return s
  }

  /// One of an enum's cases, by raw value, listed in the order the enum declares them.
  func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: Choice) -> Choice
  where Choice.RawValue == String {
    oneOf(key, Choice.allCases.map(\.rawValue), default: defaultValue.rawValue).flatMap(Choice.init(rawValue:)) ?? defaultValue
  }

  /// An array of strings at `key`; nil when absent. The first item that is not a string is recorded.
  func strings(_ key: String) -> [String]? {
    guard let raw = raw(key) else { return nil }
    guard case .array(let items) = raw else {
      log.add(.field(fieldPath(key), expected: "an array of strings", got: raw))
      return nil
    }
    var strings: [String] = []
    for (index, item) in items.enumerated() {
      guard case .string(let s) = item else {
        log.add(.field("\(fieldPath(key))[\(index)]", expected: "a string", got: item, wantsString: true))
        return nil
      }
      strings.append(s)
    }
    return strings
  }

  // MARK: booleans and numbers

  func bool(_ key: String) -> Bool? {
    switch raw(key) {
    case nil: return nil
    case .bool(let b)?: return b
    case let other?:
      log.add(.field(fieldPath(key), expected: "a boolean (true or false)", got: other))
      return nil
    }
  }

  func bool(_ key: String, default defaultValue: Bool) -> Bool { bool(key) ?? defaultValue }

  /// An integer within bounds. Struct carries numbers as doubles: an integral double (8080.0) is the
  /// integer, a fractional one (8080.5) or one beyond 2^53 (no longer exact) is a problem.
  func int(_ key: String, min: Int? = nil, max: Int? = nil) -> Int? {
    guard let raw = raw(key) else { return nil }
    let expected = "an integer\(Self.bounds(min, max))"
    guard case .number(let n) = raw, let value = exactInteger(n) else {
      log.add(.field(fieldPath(key), expected: expected, got: raw))
      return nil
    }
    if let min, value < min { return recordOutOfBounds(key, expected, value) }
    if let max, value > max { return recordOutOfBounds(key, expected, value) }
    return value
  }

  func int(_ key: String, default defaultValue: Int, min: Int? = nil, max: Int? = nil) -> Int {
    int(key, min: min, max: max) ?? defaultValue
  }

  private func recordOutOfBounds(_ key: String, _ expected: String, _ value: Int) -> Int? {
    log.add(.field(fieldPath(key), expected: expected, got: Value(value)))
    return nil
  }

  private static func bounds(_ min: Int?, _ max: Int?) -> String {
    switch (min, max) {
    case (let min?, let max?): " between \(min) and \(max)"
    case (let min?, nil): " >= \(min)"
    case (nil, let max?): " <= \(max)"
    case (nil, nil): ""
    }
  }

  /// A number above `above` (exclusive) or at least `atLeast`; nil when absent or wrong (recorded).
  func number(_ key: String, above: Double? = nil, atLeast: Double? = nil) -> Double? {
    guard let raw = raw(key) else { return nil }
    let bound = above.map { " above \(formatNumber($0))" } ?? atLeast.map { " of at least \(formatNumber($0))" } ?? ""
    guard case .number(let n) = raw, n.isFinite, above.map({ n > $0 }) ?? true, atLeast.map({ n >= $0 }) ?? true else {
      log.add(.field(fieldPath(key), expected: "a number\(bound)", got: raw))
      return nil
    }
    return n
  }

  /// A duration (see `Durations`) within bounds, in whole seconds.
  func duration(_ key: String, min: Int = 1, max: Int = 86_400) -> Int? {
    guard let raw = raw(key) else { return nil }
    let expected = "a duration such as 90s, 5m or 1h30m, between \(Durations.readable(min)) and \(Durations.readable(max))"
    guard case .string(let text) = raw, let seconds = Durations.seconds(text), (min...max).contains(seconds) else {
      log.add(.field(fieldPath(key), expected: expected, got: raw, wantsString: true))
      return nil
    }
    return seconds
  }

  // MARK: lists and objects

  /// The objects of the array at `key`, each read at its own path (`key[2]`); nil when absent. An
  /// item that is not an object is recorded, naming the fields it should have (`of`), and skipped.
  func objectItems(_ key: String, of expected: String) -> [FieldReader]? {
    guard let raw = raw(key) else { return nil }
    guard case .array(let items) = raw else {
      log.add(.field(fieldPath(key), expected: "an array", got: raw))
      return nil
    }
    return items.enumerated().compactMap { index, item in
      let path = "\(fieldPath(key))[\(index)]"
      guard case .object = item else {
        log.add(.field(path, expected: "an object with \(expected)", got: item))
        return nil
      }
      return FieldReader(item, path: path, log: log)
    }
  }

  /// An object of strings at `key` (KEDA's trigger metadata); nil when absent. Every value that is
  /// not a string is recorded.
  func stringMap(_ key: String) -> [String: String]? {
    guard let raw = raw(key) else { return nil }
    guard case .object(let members) = raw else {
      log.add(.field(fieldPath(key), expected: "an object of strings", got: raw))
      return nil
    }
    var strings: [String: String] = [:]
    for name in members.keys.sorted() {
      guard case .string(let s)? = members[name] else {
        log.add(
          .field("\(fieldPath(key)).\(name)", expected: "a string (quote numbers and booleans)", got: members[name], wantsString: true))
        continue
      }
      strings[name] = s
    }
    return strings
  }

  /// Records every key the XR sets here that this function does not know (a typo would otherwise be
  /// ignored).
  func rejectUnknownKeys(allowed: Set<String>) {
    for key in (object?.keys.filter { !allowed.contains($0) } ?? []).sorted() {
      log.add(
        UserError(
          "\(fieldPath(key)): unknown field; the fields here are \(allowed.sorted().joined(separator: ", "))", path: fieldPath(key)))
    }
  }
}

/// The problems found while reading one request, shared by every `FieldReader` of it. A problem
/// already listed is not listed twice (two parts of a composition may read the same field).
final class ProblemLog {
  private(set) var problems: [UserError.Problem] = []

  func add(_ error: UserError) {
    for problem in error.problems where !problems.contains(problem) { problems.append(problem) }
  }

  /// Records `problem` unless `holds`: a rule across fields.
  func require(_ holds: Bool, _ problem: @autoclosure () -> UserError) {
    if !holds { add(problem()) }
  }

  /// Everything found so far, as one error.
  var error: UserError { UserError(problems: problems) }

  /// Ends a reading: throws every problem found, if any.
  func finish() throws(UserError) {
    if !problems.isEmpty { throw error }
  }

  /// Ends a reading and hands back the values that had to be read: each is there once no problem was
  /// found, because a read that fails records why.
  func finish<each Read>(_ value: repeat (each Read)?) throws(UserError) -> (repeat each Read) {
    try finish()
    return (repeat try Self.unwrap(each value))
  }

  private static func unwrap<Read>(_ value: Read?) throws(UserError) -> Read {
    guard let value else { throw UserError("internal error: a field read without a value or a problem; please report it") }
    return value
  }
}

/// The integer a double holds exactly, or nil (fractional, not finite, or beyond 2^53).
func exactInteger(_ n: Double) -> Int? {
  let limit = 9_007_199_254_740_992.0  // 2^53: above it doubles skip integers
  guard n.isFinite, n == n.rounded(), abs(n) <= limit else { return nil }
  return Int(n)
}
