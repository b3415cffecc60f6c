import ServerlessComposition
import SwiftProtobuf

/// A RunFunctionRequest as the function reads it: the observed state (the XR and its composed
/// resources) in the value model, everything else as the protobuf message.
public struct FunctionRequest: Sendable {
  /// The request; its `observed` field is empty when `observed` below was decoded from the bytes.
  public var message: RunFunctionRequest
  public var observed: ObservedState

  public struct ObservedState: Sendable, Equatable {
    public var composite: ServerlessComposition.Value
    public var resources: [String: ServerlessComposition.Value]
  }

  /// A request built as a message (tests, tools, `render`): its observed state converted.
  public init(_ message: RunFunctionRequest) {
    self.message = message
    self.observed = ObservedState(
      composite: Value(message.observed.composite.resource),
      resources: message.observed.resources.mapValues { Value($0.resource) })
  }

  init(message: RunFunctionRequest, observed: ObservedState) {
    self.message = message
    self.observed = observed
  }
}

/// Decodes a RunFunctionRequest off the wire with its observed state (most of a request's bytes: every
/// composed resource as the cluster reports it) read straight into the value model, without building
/// protobuf Structs first. The other fields (meta, the desired state passed through, input, context,
/// credentials, required resources) are decoded by swift-protobuf from the same bytes with `observed`
/// cut out: protobuf's top-level fields are independent, so those bytes are a valid request too.
///
/// Only protobuf's canonical encoding is read this way: anything else (a field given twice, a wire type
/// a field does not have, invalid UTF-8, nesting deeper than `depthLimit`) falls back to swift-protobuf
/// for the whole request, which accepts and refuses exactly what it did before.
public enum RequestDecoding {
  /// JSON nesting read here; deeper documents take swift-protobuf's path and its depth limit (100
  /// messages, two per JSON level: Value and Struct or ListValue).
  static let depthLimit = 25

  public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> FunctionRequest {
    if let split = ObservedSplit(bytes) {
      var rest = [UInt8]()
      rest.reserveCapacity(bytes.count - split.observedField.count)
      rest.append(contentsOf: bytes[..<split.observedField.lowerBound])
      rest.append(contentsOf: bytes[split.observedField.upperBound...])
      return FunctionRequest(message: try RunFunctionRequest(serializedBytes: rest), observed: split.observed)
    }
    return FunctionRequest(try RunFunctionRequest(serializedBytes: Array(bytes)))
  }

  public static func decode(_ bytes: [UInt8]) throws -> FunctionRequest {
    try bytes.withUnsafeBytes { try decode($0) }
  }
}

/// The request's one `observed` field (State, field 2) decoded, and where its bytes are.
private struct ObservedSplit {
  var observed = FunctionRequest.ObservedState(composite: .object([:]), resources: [:])
  var observedField: Range<Int> = 0..<0

  init?(_ bytes: UnsafeRawBufferPointer) {
    var reader = WireReader(bytes)
    var found = false
    while !reader.isAtEnd {
      let start = reader.offset
      guard let (field, wireType) = reader.tag() else { return nil }
      if field == 2 {
        guard !found, wireType == WireReader.lengthDelimited, let state = reader.lengthDelimited(),
          let observed = Self.state(state)
        else { return nil }
        found = true
        self.observed = observed
        observedField = start..<reader.offset
      } else {
        guard reader.skip(wireType) else { return nil }
      }
    }
  }

  /// State { Resource composite = 1; map<string, Resource> resources = 2; }
  private static func state(_ bytes: UnsafeRawBufferPointer) -> FunctionRequest.ObservedState? {
    var state = FunctionRequest.ObservedState(composite: .object([:]), resources: [:])
    var reader = WireReader(bytes)
    var compositeSeen = false
    while !reader.isAtEnd {
      guard let (field, wireType) = reader.tag() else { return nil }
      switch (field, wireType) {
      case (1, WireReader.lengthDelimited):
        guard !compositeSeen, let resource = reader.lengthDelimited(), let composite = Self.resource(resource) else { return nil }
        compositeSeen = true
        state.composite = composite
      case (2, WireReader.lengthDelimited):
        guard let entry = reader.lengthDelimited(),
          let (name, resource) = Self.entry(entry, value: { Self.resource($0) }, absent: .object([:]))
        else { return nil }
        state.resources[name] = resource
      case (1, _), (2, _): return nil
      default: guard reader.skip(wireType) else { return nil }
      }
    }
    return state
  }

  /// Resource { Struct resource = 1; map<string, bytes> connection_details = 2; Ready ready = 3; }:
  /// the resource only, the rest checked as protobuf would check it.
  private static func resource(_ bytes: UnsafeRawBufferPointer) -> Value? {
    var resource: Value = .object([:])
    var reader = WireReader(bytes)
    var resourceSeen = false
    while !reader.isAtEnd {
      guard let (field, wireType) = reader.tag() else { return nil }
      switch (field, wireType) {
      case (1, WireReader.lengthDelimited):
        guard !resourceSeen, let object = reader.lengthDelimited(), let members = Self.structFields(object, depth: 0) else {
          return nil
        }
        resourceSeen = true
        resource = .object(members)
      case (2, WireReader.lengthDelimited):
        // A connection detail's key must be UTF-8; its value is bytes, whatever they are.
        guard let entry = reader.lengthDelimited(), Self.entry(entry, value: { _ in () }, absent: ()) != nil else { return nil }
      case (3, WireReader.varint):
        guard reader.varint() != nil else { return nil }
      case (1, _), (2, _), (3, _): return nil
      default: guard reader.skip(wireType) else { return nil }
      }
    }
    return resource
  }

  /// Struct { map<string, Value> fields = 1; }
  private static func structFields(_ bytes: UnsafeRawBufferPointer, depth: Int) -> JSONObject? {
    guard depth < RequestDecoding.depthLimit else { return nil }
    var members: [(key: String, value: Value)] = []
    var reader = WireReader(bytes)
    while !reader.isAtEnd {
      guard let (field, wireType) = reader.tag() else { return nil }
      switch (field, wireType) {
      case (1, WireReader.lengthDelimited):
        guard let entry = reader.lengthDelimited(),
          let (key, value) = Self.entry(entry, value: { Self.value($0, depth: depth) }, absent: .null)
        else { return nil }
        members.append((key, value))
      case (1, _): return nil
      default: guard reader.skip(wireType) else { return nil }
      }
    }
    // In key order, a key given twice with its last value, as protobuf's map keeps it.
    return JSONObject(members)
  }

  /// Value { oneof kind { NullValue null_value = 1; double number_value = 2; string string_value = 3;
  /// bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6; } }, one kind at most.
  private static func value(_ bytes: UnsafeRawBufferPointer, depth: Int) -> Value? {
    var value: Value?
    var reader = WireReader(bytes)
    while !reader.isAtEnd {
      guard let (field, wireType) = reader.tag() else { return nil }
      guard !(1...6).contains(field) || value == nil else { return nil }
      switch (field, wireType) {
      case (1, WireReader.varint):
        guard reader.varint() != nil else { return nil }
        value = .null
      case (2, WireReader.fixed64):
        guard let bits = reader.fixed64() else { return nil }
        value = .number(Double(bitPattern: bits))
      case (3, WireReader.lengthDelimited):
        guard let string = reader.string() else { return nil }
        value = .string(string)
      case (4, WireReader.varint):
        guard let bool = reader.varint() else { return nil }
        value = .bool(bool != 0)
      case (5, WireReader.lengthDelimited):
        guard let object = reader.lengthDelimited(), let members = Self.structFields(object, depth: depth + 1) else { return nil }
        value = .object(members)
      case (6, WireReader.lengthDelimited):
        guard let list = reader.lengthDelimited(), let items = Self.listValues(list, depth: depth + 1) else { return nil }
        value = .array(items)
      case (1...6, _): return nil
      default: guard reader.skip(wireType) else { return nil }
      }
    }
    // A Value with no kind set is JSON null, as `Value(Google_Protobuf_Value())` reads it.
    return value ?? .null
  }

  /// ListValue { repeated Value values = 1; }
  private static func listValues(_ bytes: UnsafeRawBufferPointer, depth: Int) -> [Value]? {
    guard depth < RequestDecoding.depthLimit else { return nil }
    var items: [Value] = []
    var reader = WireReader(bytes)
    while !reader.isAtEnd {
      guard let (field, wireType) = reader.tag() else { return nil }
      switch (field, wireType) {
      case (1, WireReader.lengthDelimited):
        guard let item = reader.lengthDelimited(), let value = Self.value(item, depth: depth) else { return nil }
        items.append(value)
      case (1, _): return nil
      default: guard reader.skip(wireType) else { return nil }
      }
    }
    return items
  }

  /// A map entry { string key = 1; V value = 2; }, each at most once; an absent key is "", an absent
  /// value `absent`.
  private static func entry<V>(
    _ bytes: UnsafeRawBufferPointer, value decodeValue: (UnsafeRawBufferPointer) -> V?, absent: V
  ) -> (String, V)? {
    var key: String?
    var value: V?
    var reader = WireReader(bytes)
    while !reader.isAtEnd {
      guard let (field, wireType) = reader.tag() else { return nil }
      switch (field, wireType) {
      case (1, WireReader.lengthDelimited):
        guard key == nil, let string = reader.string() else { return nil }
        key = string
      case (2, WireReader.lengthDelimited):
        guard value == nil, let bytes = reader.lengthDelimited(), let decoded = decodeValue(bytes) else { return nil }
        value = decoded
      case (1, _), (2, _): return nil
      default: guard reader.skip(wireType) else { return nil }
      }
    }
    return (key ?? "", value ?? absent)
  }
}

/// Reads protobuf's wire format; every read is bounds-checked and returns nil on malformed input.
private struct WireReader {
  static let varint: UInt8 = 0
  static let fixed64: UInt8 = 1
  static let lengthDelimited: UInt8 = 2
  static let fixed32: UInt8 = 5

  let bytes: UnsafeRawBufferPointer
  private(set) var offset = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var isAtEnd: Bool { offset >= bytes.count }

  /// A varint of at most ten bytes.
  mutating func varint() -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count, shift < 70 {
      let byte = bytes[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    return nil
  }

  /// A field's number and wire type, as swift-protobuf reads a message's tags: at most five bytes, a
  /// 32-bit value, and a field number above 0 (so at most 2^29 - 1).
  mutating func tag() -> (field: Int, wireType: UInt8)? {
    let start = offset
    guard let key = varint(), offset - start <= 5, key <= UInt64(UInt32.max), key >> 3 > 0 else { return nil }
    return (Int(key >> 3), UInt8(key & 7))
  }

  mutating func fixed64() -> UInt64? {
    guard bytes.count - offset >= 8 else { return nil }
    var value: UInt64 = 0
    for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
    offset += 8
    return value
  }

  /// A length-delimited field's bytes; protobuf refuses a length of 2 GiB - 1 or more.
  mutating func lengthDelimited() -> UnsafeRawBufferPointer? {
    guard let length = varint(), length < 0x7FFF_FFFF, length <= UInt64(bytes.count - offset) else { return nil }
    let start = offset
    offset += Int(length)
    return UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
  }

  /// A length-delimited field as a string; nil unless it is valid UTF-8, as protobuf requires.
  mutating func string() -> String? {
    guard let bytes = lengthDelimited() else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Passes over a field this decoder does not read. Groups (wire types 3 and 4) are not read here.
  mutating func skip(_ wireType: UInt8) -> Bool {
    switch wireType {
    case Self.varint: return varint() != nil
    case Self.fixed64, Self.fixed32:
      let width = wireType == Self.fixed64 ? 8 : 4
      guard bytes.count - offset >= width else { return false }
      offset += width
      return true
    case Self.lengthDelimited: return lengthDelimited() != nil
    default: return false
    }
  }
}
