/// Mistakes in what the user wrote (the XR or the step input). They become one Fatal result whose
/// message names every problem's field path and what is expected; never a gRPC error.
public struct UserError: Error, Equatable, Sendable {
  public struct Problem: Equatable, Sendable {
    /// The field the problem is about (`spec.port`), when it is about one field.
    public var path: String?
    /// The whole sentence, starting with the path: `spec.port: expected ..., got ...`.
    public var message: String
    /// The field wants a string and got something else: a note on where that value came from (an
    /// unquoted YAML scalar) explains it. A number out of bounds needs no such note.
    public var wantsString: Bool

    public init(path: String?, message: String, wantsString: Bool = false) {
      self.path = path
      self.message = message
      self.wantsString = wantsString
    }
  }

  public var problems: [Problem]

  /// How many problems one message lists; the rest are counted.
  public static let listedProblems = 20

  public init(_ message: String, path: String? = nil) {
    problems = [Problem(path: path, message: message)]
  }

  public init(problems: [Problem]) {
    self.problems = problems
  }

  /// `spec.port: expected an integer between 1 and 65535, got string "abc"`.
  /// - Parameter wantsString: the field wants a string: a value of another type gets the note on
  ///   where it came from (`Problem.wantsString`).
  static func field(_ path: String, expected: String, got value: Value?, wantsString: Bool = false) -> UserError {
    let notAString = value.map { $0.stringValue == nil } ?? true
    return UserError(
      problems: [
        Problem(path: path, message: "\(path): expected \(expected), got \(describe(value))", wantsString: wantsString && notAString)
      ])
  }

  /// One problem as is; several as a list, so the user fixes them in one round trip.
  /// - Parameter notes: field path -> a remark appended to a problem about a field that wants a
  ///   string (where its value came from, e.g. an unquoted YAML scalar).
  public func message(notes: [String: String] = [:]) -> String {
    let lines = problems.map { problem in
      guard problem.wantsString, let note = problem.path.flatMap({ notes[$0] }) else { return problem.message }
      return "\(problem.message) (\(note))"
    }
    guard lines.count > 1 else { return lines.first ?? "" }
    var listed = lines.prefix(Self.listedProblems).map { "- \($0)" }
    if lines.count > Self.listedProblems { listed.append("- and \(lines.count - Self.listedProblems) more") }
    return "\(lines.count) problems:\n" + listed.joined(separator: "\n")
  }

  public var message: String { message() }

  public static func describe(_ value: Value?) -> String {
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
