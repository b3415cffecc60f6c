/// A JSON object's members, kept in ascending key order: the order every printer and protobuf's
/// deterministic encoding write them in, so writing an object needs no sort, two objects with the same
/// members are the same value, and finding a key is a binary search over a contiguous array rather
/// than hashing it. Objects in manifests have a few to a few dozen members, where that is the faster
/// structure to build, read and walk.
///
/// Keys are equal as `String`s are (canonical equivalence), as a dictionary's are. For ASCII keys
/// `String`'s `<` is byte order; for others it is not always consistent with `==` (a key not in NFC
/// against one its normal form is a prefix of: "\u{212A}" (Kelvin) is "K", yet neither it nor "Key"
/// is less than the other). So an object with a key beyond ASCII finds and merges keys by `==`, one by
/// one, and its order is `<`'s as far as that goes.
public struct JSONObject: Hashable, Sendable {
  /// Ascending by key (`String`'s `<`), each key once.
  private var members: [(key: String, value: Value)]
  /// Whether every key is ASCII: then `<` is a total order consistent with `==`.
  private var asciiKeys: Bool

  public init() {
    members = []
    asciiKeys = true
  }

  private static func isASCII(_ key: String) -> Bool { key.utf8.allSatisfy { $0 < 0x80 } }

  /// Members given in any order; a key given twice keeps its last value, as a dictionary would.
  public init<Members: Sequence>(_ members: Members) where Members.Element == (key: String, value: Value) {
    self.init(sorting: Array(members))
  }

  private init(sorting pairs: [(key: String, value: Value)]) {
    members = pairs
    asciiKeys = pairs.allSatisfy { Self.isASCII($0.key) }
    guard asciiKeys else {
      // Each key's first spelling with its last value, as a dictionary keeps them.
      var positions: [String: Int] = [:]
      var unique: [(key: String, value: Value)] = []
      for (key, value) in pairs {
        if let position = positions[key] {
          unique[position].value = value
        } else {
          positions[key] = unique.count
          unique.append((key, value))
        }
      }
      members = unique.sorted { $0.key < $1.key }
      return
    }
    if !zip(members, members.dropFirst()).allSatisfy({ $0.key < $1.key }) {
      // Stable: of equal keys the later stays later, and wins below.
      members.sort { $0.key < $1.key }
      var kept = 0
      for index in members.indices {
        if kept > 0, members[kept - 1].key == members[index].key {
          members[kept - 1].value = members[index].value
        } else {
          members.swapAt(kept, index)
          kept += 1
        }
      }
      members.removeLast(members.count - kept)
    }
  }

  /// Members from (key, value) pairs whose keys are unique.
  public init<Members: Sequence>(uniqueKeysWithValues members: Members) where Members.Element == (String, Value) {
    self.init(sorting: members.map { (key: $0.0, value: $0.1) })
  }

  public init(_ dictionary: [String: Value]) {
    self.init(sorting: dictionary.map { (key: $0.key, value: $0.value) })
  }

  /// The keys, in order.
  public var keys: [String] { members.map(\.key) }
  /// The values, in their keys' order.
  public var values: [Value] { members.map(\.value) }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.members.count == rhs.members.count else { return false }
    if lhs.asciiKeys, rhs.asciiKeys {
      return zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
    return lhs.members.allSatisfy { rhs[$0.key] == $0.value }
  }

  /// Equal objects hash alike: in order for ASCII keys, whatever the order otherwise.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(members.count)
    guard asciiKeys else {
      var unordered = 0
      for (key, value) in members {
        var memberHasher = Hasher()
        memberHasher.combine(key)
        memberHasher.combine(value)
        unordered ^= memberHasher.finalize()
      }
      return hasher.combine(unordered)
    }
    for (key, value) in members {
      hasher.combine(key)
      hasher.combine(value)
    }
  }

  public var count: Int { members.count }
  public var isEmpty: Bool { members.isEmpty }

  /// Where `key` is, or where it would be inserted.
  private func position(of key: String) -> (index: Int, found: Bool) {
    if !asciiKeys || !Self.isASCII(key), let index = members.firstIndex(where: { $0.key == key }) {
      return (index, true)
    }
    var low = 0
    var high = members.count
    while low < high {
      let middle = (low + high) / 2
      let candidate = members[middle].key
      if candidate == key { return (middle, true) }
      if candidate < key { low = middle + 1 } else { high = middle }
    }
    return (low, false)
  }

  /// The member's value; setting nil removes the member.
  public subscript(key: String) -> Value? {
    get {
      let (index, found) = position(of: key)
      return found ? members[index].value : nil
    }
    set {
      let (index, found) = position(of: key)
      switch (found, newValue) {
      case (true, let value?): members[index].value = value
      case (true, nil):
        members.remove(at: index)
        if !asciiKeys { asciiKeys = members.allSatisfy { Self.isASCII($0.key) } }
      case (false, let value?):
        members.insert((key, value), at: index)
        asciiKeys = asciiKeys && Self.isASCII(key)
      case (false, nil): break
      }
    }
  }

  public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
    get { self[key] ?? defaultValue() }
    set { self[key] = newValue }
  }

  @discardableResult
  public mutating func removeValue(forKey key: String) -> Value? {
    let old = self[key]
    self[key] = nil
    return old
  }

  /// The same keys with transformed values (already in order: no sort).
  public func mapValues(_ transform: (Value) throws -> Value) rethrows -> JSONObject {
    var mapped = self
    mapped.members = try members.map { (key: $0.key, value: try transform($0.value)) }
    return mapped
  }

  public func compactMapValues(_ transform: (Value) throws -> Value?) rethrows -> JSONObject {
    var kept = JSONObject()
    for (key, value) in self {
      if let value = try transform(value) { kept.members.append((key, value)) }
    }
    kept.asciiKeys = kept.members.allSatisfy { Self.isASCII($0.key) }
    return kept
  }

  /// The members for which `isIncluded` is true, as an object.
  public func filter(_ isIncluded: ((key: String, value: Value)) throws -> Bool) rethrows -> JSONObject {
    var kept = JSONObject()
    kept.members = try members.filter(isIncluded)
    kept.asciiKeys = kept.members.allSatisfy { Self.isASCII($0.key) }
    return kept
  }

  public mutating func merge(_ other: JSONObject, uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows {
    for (key, value) in other {
      self[key] = try self[key].map { try combine($0, value) } ?? value
    }
  }

  public func merging(_ other: JSONObject, uniquingKeysWith combine: (Value, Value) throws -> Value) rethrows -> JSONObject {
    var merged = self
    try merged.merge(other, uniquingKeysWith: combine)
    return merged
  }

  /// The members as a dictionary, for code that wants one.
  public var dictionary: [String: Value] {
    Dictionary(members.lazy.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
  }
}

extension JSONObject: RandomAccessCollection {
  public typealias Element = (key: String, value: Value)

  public var startIndex: Int { 0 }
  public var endIndex: Int { members.count }

  public subscript(position: Int) -> (key: String, value: Value) { members[position] }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
  /// A key given twice keeps its last value.
  public init(dictionaryLiteral elements: (String, Value)...) {
    self.init(sorting: elements.map { (key: $0.0, value: $0.1) })
  }
}
