/// A JSON value: the shape of everything Crossplane hands a function (protobuf `Struct`) and of every
/// Kubernetes manifest we compose. The composition works on this model only, so it never sees
/// protobuf or YAML types.
///
/// Numbers are doubles because `google.protobuf.Struct` carries every number as a double.
/// Objects keep their members in key order (`JSONObject`), which makes every output deterministic.
public enum Value: Equatable, Hashable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([Value])
  case object(JSONObject)
}

// No ExpressibleByNilLiteral: `nil` must always mean an absent Optional, never a JSON null.
extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: Value...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, Value)...) {
    self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
  }
}

extension Value {
  public init(_ int: Int) { self = .number(Double(int)) }

  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }
  public var arrayValue: [Value]? {
    if case .array(let a) = self { return a }
    return nil
  }
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
  public var numberValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// Member lookup for objects; `nil` for anything else or a missing key.
  public subscript(key: String) -> Value? {
    get {
      guard case .object(let o) = self else { return nil }
      return o[key]
    }
    set {
      guard case .object(var o) = self else { return }
      // Released first, so that `o` is the only reference to this level's members, which then
      // change in place (a nested write still copies the levels it reads through).
      self = .null
      o[key] = newValue
      self = .object(o)
    }
  }

  /// Follows a dotted path of object keys (`"spec.scaling.enabled"`); empty segments are skipped.
  public func lookup(_ path: String) -> Value? {
    var current = self
    var rest = path[...]
    while !rest.isEmpty {
      let end = rest.utf8.firstIndex(of: UInt8(ascii: ".")) ?? rest.endIndex
      if end > rest.startIndex {
        guard let next = current[String(rest[..<end])] else { return nil }
        current = next
      }
      rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
    }
    return current
  }

  /// Deep merge: objects merge key by key, `other` wins everywhere else.
  public func merging(_ other: Value) -> Value {
    guard case .object(var mine) = self, case .object(let theirs) = other else { return other }
    for (key, value) in theirs {
      mine[key] = mine[key].map { $0.merging(value) } ?? value
    }
    return .object(mine)
  }
}
