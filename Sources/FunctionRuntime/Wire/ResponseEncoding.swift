import Foundation
import GRPCCore
import GRPCProtobuf
import ServerlessComposition
import SwiftProtobuf

/// Encodes a RunFunctionResponse in time linear in its size.
///
/// swift-protobuf computes an embedded message's size by walking it, and does so again at every
/// level above (twice per map entry), so a Struct nested like a Deployment inside a desired resource
/// costs hundreds of microseconds. Here the response is written back to front into one buffer, so
/// every length is known when it is written and each byte is written once. The small messages
/// (meta, results, requirements, conditions) are encoded by swift-protobuf and copied in.
///
/// The bytes are swift-protobuf's deterministic encoding of the same message: fields in number
/// order, unknown fields last, map entries (Struct fields, desired resources, connection details) in
/// key order. Swift dictionaries iterate in a per-process order, and the same request must give the
/// same bytes on every replica.
///
/// The resources the function composed come as `Value`s and are written straight from them: building
/// protobuf Structs first would allocate every node of every manifest once more, only to be encoded.
public enum ResponseEncoding {
  /// A desired resource still in the value model: what `encode` writes under its name.
  public struct ComposedResource: Sendable {
    public var resource: ServerlessComposition.Value
    public var ready: Apiextensions_Fn_Proto_V1_Ready

    public init(resource: ServerlessComposition.Value, ready: Apiextensions_Fn_Proto_V1_Ready) {
      self.resource = resource
      self.ready = ready
    }

    /// The same resource as a protobuf message, for callers that want the response as a message.
    var proto: Apiextensions_Fn_Proto_V1_Resource {
      var proto = Apiextensions_Fn_Proto_V1_Resource()
      proto.resource = resource.protoStruct
      proto.ready = ready
      return proto
    }
  }

  /// - Parameter composed: desired resources to add to (or replace in) `response.desired.resources`;
  ///   the bytes are those of `response` with them added as protobuf messages.
  public static func encode(_ response: RunFunctionResponse, composed: [String: ComposedResource] = [:]) throws -> [UInt8] {
    var writer = ReverseWriter(capacity: 8192)
    try writer.response(response, composed: composed)
    return writer.finish()
  }
}

/// A desired resource as the answer carries it: from an earlier step as it came, or composed here.
private enum DesiredResource {
  case earlier(Apiextensions_Fn_Proto_V1_Resource)
  case composed(ResponseEncoding.ComposedResource)
}

extension ReverseWriter {
  /// RunFunctionResponse { meta = 1; desired = 2; repeated results = 3; context = 4; requirements = 5;
  /// repeated conditions = 6; output = 7 }, the last field first.
  mutating func response(_ response: RunFunctionResponse, composed: [String: ResponseEncoding.ComposedResource]) throws {
    raw(response.unknownFields.data)
    if response.hasOutput { message(field: 7) { $0.structFields(response.output) } }
    for condition in response.conditions.reversed() { try encoded(field: 6, condition) }
    if response.hasRequirements { try encoded(field: 5, response.requirements) }
    if response.hasContext { message(field: 4) { $0.structFields(response.context) } }
    for result in response.results.reversed() { try encoded(field: 3, result) }
    if response.hasDesired || !composed.isEmpty {
      message(field: 2) { $0.desired(response.desired, composed: composed) }
    }
    if response.hasMeta { try encoded(field: 1, response.meta) }
  }

  /// State { Resource composite = 1; map<string, Resource> resources = 2; }, with the composed
  /// resources replacing earlier steps' of the same name.
  private mutating func desired(_ state: Apiextensions_Fn_Proto_V1_State, composed: [String: ResponseEncoding.ComposedResource]) {
    raw(state.unknownFields.data)
    var resources = state.resources.mapValues(DesiredResource.earlier)
    for (name, resource) in composed { resources[name] = .composed(resource) }
    entries(field: 2, resources) { writer, resource in
      writer.message(field: 2) { writer in
        switch resource {
        case .earlier(let resource): writer.resourceFields(resource)
        case .composed(let resource): writer.resourceFields(resource)
        }
      }
    }
    if state.hasComposite { message(field: 1) { $0.resourceFields(state.composite) } }
  }

  /// Resource { Struct resource = 1; map<string, bytes> connection_details = 2; Ready ready = 3; }
  private mutating func resourceFields(_ resource: Apiextensions_Fn_Proto_V1_Resource) {
    raw(resource.unknownFields.data)
    ready(resource.ready)
    entries(field: 2, resource.connectionDetails) { writer, value in
      value.withUnsafeBytes { writer.bytes(field: 2, $0) }
    }
    if resource.hasResource { message(field: 1) { $0.structFields(resource.resource) } }
  }

  private mutating func resourceFields(_ composed: ResponseEncoding.ComposedResource) {
    ready(composed.ready)
    // A resource is always an object: `Struct` has no other form.
    message(field: 1) { $0.objectMembers(composed.resource.objectValue ?? [:]) }
  }

  /// Ready ready = 3, left out at its default as proto3 does.
  private mutating func ready(_ ready: Apiextensions_Fn_Proto_V1_Ready) {
    guard ready != .unspecified else { return }
    varint(UInt64(bitPattern: Int64(ready.rawValue)))
    tag(field: 3, Self.varint)
  }

  /// A small message encoded by swift-protobuf (deterministically) and copied in as an embedded field.
  private mutating func encoded(field: Int, _ message: some SwiftProtobuf.Message) throws {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    let bytes: [UInt8] = try message.serializedBytes(options: options)
    let start = count
    bytes.withUnsafeBytes { prepend($0) }
    length(since: start, field: field)
  }
}

/// The gRPC serializer of RunFunction answers, which `FunctionRunner.answer` has already encoded.
struct EncodedResponseSerializer: MessageSerializer {
  func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
    Bytes(message)
  }
}

/// Protobuf's binary form written back to front into one buffer, filled from its end towards its
/// start: a message's length is known as soon as its content is written, each byte string (a key, a
/// string value, raw bytes) is copied once in its own order, and the result is the filled tail.
struct ReverseWriter {
  /// The buffer, owned by one writer (which is never copied while in use): raw memory, so writing a
  /// byte is a store, without an array's bounds and uniqueness checks.
  private final class Buffer {
    var bytes: UnsafeMutableRawBufferPointer

    init(capacity: Int) { bytes = .allocate(byteCount: capacity, alignment: 1) }
    deinit { bytes.deallocate() }
  }

  private let buffer: Buffer
  /// The first filled byte; everything from here to the end is written.
  private var front: Int

  init(capacity: Int = 1024) {
    buffer = Buffer(capacity: max(capacity, 16))
    front = buffer.bytes.count
  }

  /// Bytes written so far: lengths are differences of counts, which growing the buffer keeps.
  private var count: Int { buffer.bytes.count - front }

  func finish() -> [UInt8] {
    Array(UnsafeRawBufferPointer(rebasing: buffer.bytes[front...]))
  }

  /// Room for `needed` more bytes before `front`.
  @inline(__always)
  private mutating func reserve(_ needed: Int) {
    if front < needed { grow(needed) }
  }

  /// A buffer at least twice as large, the written tail moved to its end.
  private mutating func grow(_ needed: Int) {
    let written = count
    var capacity = buffer.bytes.count * 2
    while capacity - written < needed { capacity *= 2 }
    let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 1)
    UnsafeMutableRawBufferPointer(rebasing: grown[(capacity - written)...])
      .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer.bytes[front...]))
    buffer.bytes.deallocate()
    buffer.bytes = grown
    front = capacity - written
  }

  /// One byte before everything written so far.
  @inline(__always)
  private mutating func prepend(_ byte: UInt8) {
    reserve(1)
    front -= 1
    buffer.bytes[front] = byte
  }

  /// Bytes, in their order, before everything written so far.
  private mutating func prepend(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    reserve(bytes.count)
    front -= bytes.count
    UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[front..<(front + bytes.count)]).copyMemory(from: bytes)
  }

  // Wire types.
  static let varint: UInt8 = 0
  static let fixed64: UInt8 = 1
  static let lengthDelimited: UInt8 = 2

  /// Struct { map<string, Value> fields = 1; }: one entry { key = 1; value = 2 } per member.
  mutating func structFields(_ value: Google_Protobuf_Struct) {
    raw(value.unknownFields.data)
    entries(field: 1, value.fields) { writer, member in writer.message(field: 2) { $0.value(member) } }
  }

  /// Value { oneof kind { null = 1; number = 2; string = 3; bool = 4; struct = 5; list = 6 } }
  mutating func value(_ value: Google_Protobuf_Value) {
    raw(value.unknownFields.data)
    switch value.kind {
    case nil: break
    case .nullValue(let null):
      // An unrecognized value from the request, negative too, written back as protobuf writes enums.
      varint(UInt64(bitPattern: Int64(null.rawValue)))
      tag(field: 1, Self.varint)
    case .numberValue(let number): self.number(number)
    case .stringValue(let string): self.string(field: 3, string)
    case .boolValue(let bool): self.bool(bool)
    case .structValue(let structValue): message(field: 5) { $0.structFields(structValue) }
    case .listValue(let list):
      message(field: 6) { writer in
        writer.raw(list.unknownFields.data)
        writer.items(list.values) { $0.value($1) }
      }
    }
  }

  /// A `Value` object as a Struct's fields, in the same bytes as `structFields` of its `protoStruct`.
  mutating func objectMembers(_ members: JSONObject) {
    // Already in key order: the last member first.
    for (key, member) in members.reversed() {
      let entryStart = count
      message(field: 2) { $0.value(member) }
      string(field: 1, key)
      length(since: entryStart, field: 1)
    }
  }

  /// A `Value` as a protobuf Value, in the same bytes as `value` of its `protoValue`.
  mutating func value(_ value: ServerlessComposition.Value) {
    switch value {
    case .null:
      varint(UInt64(Google_Protobuf_NullValue.nullValue.rawValue))
      tag(field: 1, Self.varint)
    case .number(let number): self.number(number)
    case .string(let string): self.string(field: 3, string)
    case .bool(let bool): self.bool(bool)
    case .object(let members): message(field: 5) { $0.objectMembers(members) }
    case .array(let items): message(field: 6) { $0.items(items) { $0.value($1) } }
    }
  }

  private mutating func number(_ number: Double) {
    withUnsafeBytes(of: number.bitPattern.littleEndian) { prepend($0) }
    tag(field: 2, Self.fixed64)
  }

  private mutating func bool(_ bool: Bool) {
    prepend(bool ? 1 : 0)
    tag(field: 4, Self.varint)
  }

  /// Map entries { key = 1; value = 2 } as field `field`, one per member; `writeValue` writes the
  /// entry's value field. Written back to front: the last key first, so the bytes read in ascending
  /// key order.
  private mutating func entries<Member>(
    field: Int, _ members: [String: Member], _ writeValue: (inout ReverseWriter, Member) -> Void
  ) {
    for (key, member) in members.sorted(by: { $0.key > $1.key }) {
      let entryStart = count
      writeValue(&self, member)
      string(field: 1, key)
      length(since: entryStart, field: field)
    }
  }

  /// ListValue { repeated Value values = 1; }, the last item first.
  private mutating func items<Item>(_ items: [Item], _ writeItem: (inout ReverseWriter, Item) -> Void) {
    for item in items.reversed() {
      message(field: 1) { writeItem(&$0, item) }
    }
  }

  /// An embedded message: its content, then (before it) its length and tag.
  mutating func message(field: Int, _ content: (inout ReverseWriter) -> Void) {
    let start = count
    content(&self)
    length(since: start, field: field)
  }

  mutating func string(field: Int, _ string: String) {
    var string = string
    string.withUTF8 { bytes(field: field, UnsafeRawBufferPointer($0)) }
  }

  mutating func bytes(field: Int, _ bytes: UnsafeRawBufferPointer) {
    let start = count
    prepend(bytes)
    length(since: start, field: field)
  }

  private mutating func length(since start: Int, field: Int) {
    varint(UInt64(count - start))
    tag(field: field, Self.lengthDelimited)
  }

  private mutating func tag(field: Int, _ wireType: UInt8) {
    varint(UInt64(field) << 3 | UInt64(wireType))
  }

  /// A varint: seven bits per byte, least significant first, the high bit set on all but the last.
  @inline(__always)
  private mutating func varint(_ value: UInt64) {
    if value < 0x80 {
      prepend(UInt8(value))
    } else {
      longVarint(value)
    }
  }

  private mutating func longVarint(_ value: UInt64) {
    var groups = 1
    while groups < 10, value >> (7 * groups) != 0 { groups += 1 }
    reserve(groups)
    front -= groups
    var rest = value
    for index in front..<(front + groups) {
      let sevenBits = UInt8(truncatingIfNeeded: rest) & 0x7F
      rest >>= 7
      buffer.bytes[index] = rest == 0 ? sevenBits : sevenBits | 0x80
    }
  }

  private mutating func raw(_ data: Data) {
    data.withUnsafeBytes { prepend($0) }
  }
}
