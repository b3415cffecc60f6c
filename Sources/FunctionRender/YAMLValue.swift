import Foundation
import ServerlessComposition
import Yams

/// YAML <-> `Value`, through Yams' node API so that errors keep their line and column, and so that a
/// value YAML typed on its own (an unquoted date, number or boolean) can be explained to the user.
public enum YAMLValue {
  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  /// One YAML document as a `Value`, with where its implicitly typed scalars came from.
  public struct Document: Sendable {
    public var value: Value
    /// Field path (`spec.tag`, `spec.parameters.namespaces[0]`) -> an unquoted scalar that YAML read
    /// as something other than a string.
    public var typedScalars: [String: TypedScalar]
  }

  /// An unquoted scalar that YAML resolved to a date, number, boolean or null.
  public struct TypedScalar: Sendable, Equatable {
    /// As written in the file.
    public var text: String
    public var line: Int
    public var column: Int
    /// What YAML made of it: "a date", "a number", "a boolean", "null".
    public var madeOf: String
  }

  /// Every document of a YAML stream, skipping empty ones. A syntax error names its line and column.
  public static func documents(_ yaml: String) throws -> [Document] {
    var documents: [Document] = []
    var nodes = try Yams.compose_all(yaml: yaml)
    while let node = nodes.next() {
      var typed: [String: TypedScalar] = [:]
      let value = try convert(node, path: "", typed: &typed)
      if value != .null { documents.append(Document(value: value, typedScalars: typed)) }
    }
    if let error = nodes.error { throw Invalid(description: describe(error)) }
    return documents
  }

  /// Exactly one document.
  public static func document(_ yaml: String) throws -> Document {
    let docs = try documents(yaml)
    guard docs.count == 1 else {
      throw Invalid(description: "expected one YAML document, found \(docs.count)\(docs.isEmpty ? " (the file is empty)" : "")")
    }
    return docs[0]
  }

  /// `line:column: what went wrong`, without Yams' multi-line snippet.
  static func describe(_ error: Error) -> String {
    switch error as? YamlError {
    case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
      .composer(let context, let problem, let mark, _)?:
      let prefix = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column): " } ?? ""
      return "line \(mark.line), column \(mark.column): \(prefix)\(problem)"
    case .duplicatedKeysInMapping(let duplicates, let context)?:
      return "line \(context.mark.line), column \(context.mark.column): duplicate keys \(duplicates.sorted().joined(separator: ", "))"
    default:
      return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
  }

  static func convert(_ node: Node, path: String, typed: inout [String: TypedScalar]) throws -> Value {
    switch node {
    case .scalar(let scalar):
      let value: Value
      let madeOf: String
      switch Tag.Name(rawValue: node.tag.rawValue) {
      case .null: (value, madeOf) = (.null, "null")
      case .bool: (value, madeOf) = (node.bool.map(Value.bool) ?? .string(scalar.string), "a boolean")
      case .int:
        (value, madeOf) = (node.int.map { .number(Double($0)) } ?? node.float.map(Value.number) ?? .string(scalar.string), "a number")
      case .float: (value, madeOf) = (node.float.map(Value.number) ?? .string(scalar.string), "a number")
      // JSON has no dates: Kubernetes' YAML reader keeps the text; the date is still recorded, since
      // an unquoted date where a string belongs is usually an accident.
      case .timestamp: (value, madeOf) = (.string(scalar.string), "a date")
      default: return .string(scalar.string)
      }
      if scalar.style == .plain, let mark = scalar.mark {
        typed[path] = TypedScalar(text: scalar.string, line: mark.line, column: mark.column, madeOf: madeOf)
      }
      return value
    case .sequence(let sequence):
      return .array(try sequence.enumerated().map { index, item in try convert(item, path: "\(path)[\(index)]", typed: &typed) })
    case .mapping(let mapping):
      var members: [(key: String, value: Value)] = []
      for (key, member) in mapping {
        let name = key.string ?? ""
        members.append((name, try convert(member, path: path.isEmpty ? name : "\(path).\(name)", typed: &typed)))
      }
      // A key given twice keeps its last value.
      return .object(JSONObject(members))
    case .alias:
      // Yams resolves an alias to its anchor while composing; one left over names nothing known.
      throw Invalid(description: "line \(node.mark?.line ?? 0): a YAML alias without its anchor")
    }
  }

  /// YAML with keys sorted, so that the same value always prints the same way.
  public static func dump(_ value: Value) throws -> String {
    try Yams.serialize(node: node(value), sortKeys: true)
  }

  static func node(_ value: Value) throws -> Node {
    switch value {
    case .null: return Node("null", Tag(.null))
    case .bool(let b): return try b.represented()
    case .number(let n):
      if n.isFinite, n == n.rounded(), abs(n) < 9_007_199_254_740_992 { return try Int(n).represented() }
      return try n.represented()
    case .string(let s): return try s.represented()
    case .array(let items): return Node(try items.map(node))
    case .object(let members):
      return Node(try members.map { key, member in (Node(key), try node(member)) })
    }
  }
}
