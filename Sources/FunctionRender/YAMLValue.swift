import Foundation
import ServerlessComposition
import Yams

/// YAML <-> `Value`, through Yams.
public enum YAMLValue {
  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  /// Every document of a YAML stream, skipping empty ones.
  public static func documents(_ yaml: String) throws -> [Value] {
    try Yams.load_all(yaml: yaml).map(value).filter { $0 != .null }
  }

  /// Exactly one document.
  public static func document(_ yaml: String) throws -> Value {
    let docs = try documents(yaml)
    guard docs.count == 1 else { throw Invalid(description: "expected one YAML document, found \(docs.count)") }
    return docs[0]
  }

  static func value(_ any: Any) -> Value {
    switch any {
    case let b as Bool: .bool(b)
    case let i as Int: .number(Double(i))
    case let d as Double: .number(d)
    case let s as String: .string(s)
    case let array as [Any]: .array(array.map(value))
    case let map as [AnyHashable: Any]:
      .object(Dictionary(map.map { key, member in ("\(key.base)", value(member)) }, uniquingKeysWith: { first, _ in first }))
    default: .null
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
