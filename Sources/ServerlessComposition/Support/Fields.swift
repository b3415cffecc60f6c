/// Typed, path-aware reads of an object in the XR or the step input.
///
/// Every read checks the JSON type and bounds the XRD declares and throws a `UserError` naming the
/// full field path. Defaults follow the API server's structural defaulting: a default applies only
/// where the parent object exists, and never over a value that is present. A JSON `null` counts as
/// absent, as it does for the API server's pruning of non-nullable fields.
struct Fields {
  /// The object, or nil when it is absent (then no default below it applies).
  let object: [String: Value]?
  /// Its path from the resource root, e.g. `spec.scaling`.
  let path: String

  init(_ value: Value?, path: String) throws(UserError) {
    switch value {
    case nil, .null?: object = nil
    case .object(let o)?: object = o
    case let other?: throw .field(path, expected: "an object", got: other)
    }
    self.path = path
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

  func child(_ key: String) throws(UserError) -> Fields {
    try Fields(raw(key), path: fieldPath(key))
  }

  func string(_ key: String, default defaultValue: String? = nil) throws(UserError) -> String? {
    guard exists else { return nil }
    switch raw(key) {
    case nil: return defaultValue
    case .string(let s)?: return s
    case let other?: throw .field(fieldPath(key), expected: "a string", got: other)
    }
  }

  func requiredString(_ key: String) throws(UserError) -> String {
    guard let s = try string(key) else {
      throw .field(fieldPath(key), expected: "a string (the field is required)", got: nil)
    }
    guard !s.isEmpty else {
      throw .field(fieldPath(key), expected: "a non-empty string (the field is required)", got: .string(s))
    }
    return s
  }

  /// The objects of the array at `key`, each read at its own path (`key[2]`); nil when absent. An
  /// item that is not an object is a problem, naming the fields it should have (`of`), and is skipped.
  func objectItems(_ key: String, of expected: String, problems: inout ProblemList) throws(UserError) -> [Fields]? {
    guard let raw = raw(key) else { return nil }
    guard case .array(let items) = raw else { throw .field(fieldPath(key), expected: "an array", got: raw) }
    var objects: [Fields] = []
    for (index, item) in items.enumerated() {
      let path = "\(fieldPath(key))[\(index)]"
      guard case .object = item, let fields = try? Fields(item, path: path) else {
        problems.add(.field(path, expected: "an object with \(expected)", got: item))
        continue
      }
      objects.append(fields)
    }
    return objects
  }

  /// Keys the XR sets here that this function does not know (a typo would otherwise be ignored).
  func unknownKeys(allowed: Set<String>) -> UserError {
    let unknown = (object?.keys.filter { !allowed.contains($0) } ?? []).sorted()
    return UserError(
      problems: unknown.map { key in
        UserError.Problem(
          path: fieldPath(key),
          message: "\(fieldPath(key)): unknown field; the fields here are \(allowed.sorted().joined(separator: ", "))")
      })
  }

  /// A required string that must be a DNS label (a name or namespace).
  func requiredDNSLabel(_ key: String) throws(UserError) -> String {
    let label = try requiredString(key)
    try Naming.requireDNSLabel(label, at: fieldPath(key))
    return label
  }

  /// A string that must be one of `allowed`; nil when absent and without a default.
  func oneOf(_ key: String, _ allowed: [String], default defaultValue: String? = nil) throws(UserError) -> String? {
    guard let s = try string(key, default: defaultValue) else { return nil }
    guard allowed.contains(s) else {
      let choices = allowed.map { "\"\($0)\"" }.joined(separator: " or ")
      throw .field(fieldPath(key), expected: "one of \(choices)", got: .string(s))
    }
    return s
  }

  func bool(_ key: String, default defaultValue: Bool? = nil) throws(UserError) -> Bool? {
    guard exists else { return nil }
    switch raw(key) {
    case nil: return defaultValue
    case .bool(let b)?: return b
    case let other?: throw .field(fieldPath(key), expected: "a boolean (true or false)", got: other)
    }
  }

  /// An integer within bounds. Struct carries numbers as doubles: an integral double (8080.0) is the
  /// integer, a fractional one (8080.5) or one beyond 2^53 (no longer exact) is an error.
  func int(_ key: String, default defaultValue: Int? = nil, min: Int? = nil, max: Int? = nil) throws(UserError) -> Int? {
    guard exists else { return nil }
    let value: Int
    switch raw(key) {
    case nil:
      guard let defaultValue else { return nil }
      value = defaultValue
    case .number(let n)?:
      guard let exact = exactInteger(n) else {
        throw .field(fieldPath(key), expected: "an integer\(bounds(min, max))", got: .number(n))
      }
      value = exact
    case let other?:
      throw .field(fieldPath(key), expected: "an integer\(bounds(min, max))", got: other)
    }
    if let min, value < min { throw .field(fieldPath(key), expected: "an integer\(bounds(min, max))", got: Value(value)) }
    if let max, value > max { throw .field(fieldPath(key), expected: "an integer\(bounds(min, max))", got: Value(value)) }
    return value
  }

  private func bounds(_ min: Int?, _ max: Int?) -> String {
    switch (min, max) {
    case (let min?, let max?): " between \(min) and \(max)"
    case (let min?, nil): " >= \(min)"
    case (nil, let max?): " <= \(max)"
    case (nil, nil): ""
    }
  }
}

/// The integer a double holds exactly, or nil (fractional, not finite, or beyond 2^53).
func exactInteger(_ n: Double) -> Int? {
  let limit = 9_007_199_254_740_992.0  // 2^53: above it doubles skip integers
  guard n.isFinite, n == n.rounded(), abs(n) <= limit else { return nil }
  return Int(n)
}
