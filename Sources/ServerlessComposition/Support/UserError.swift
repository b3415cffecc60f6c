/// A mistake in what the user wrote (the XR or the step input). It becomes a Fatal result whose
/// message names the field path and what is expected; it is never a gRPC error.
public struct UserError: Error, Equatable, Sendable {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  /// `spec.port: expected an integer between 1 and 65535, got string "abc"`.
  static func field(_ path: String, expected: String, got value: Value?) -> UserError {
    UserError("\(path): expected \(expected), got \(describe(value))")
  }

  static func describe(_ value: Value?) -> String {
    guard let value else { return "nothing (the field is missing)" }
    switch value {
    case .null: return "null"
    case .bool(let b): return "boolean \(b)"
    case .number(let n): return "number \(formatNumber(n))"
    case .string(let s): return "string \(quoted(s))"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// Quotes a user string for a message, cutting it short so a huge value cannot flood the XR's
  /// conditions or Crossplane's events.
  public static func quoted(_ s: String) -> String {
    let limit = 64
    return s.count <= limit ? "\"\(s)\"" : "\"\(s.prefix(limit))...\" (\(s.count) characters)"
  }
}

/// Prints integral doubles as integers (8080, not 8080.0).
func formatNumber(_ n: Double) -> String {
  if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
  return String(n)
}
