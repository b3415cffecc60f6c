import ServerlessComposition
import SwiftProtobuf

/// Conversion between protobuf's `Struct`/`Value` (how Crossplane sends JSON) and our `Value`.
extension ServerlessComposition.Value {
  public init(_ proto: Google_Protobuf_Value) {
    switch proto.kind {
    case .nullValue, nil: self = .null
    case .boolValue(let b): self = .bool(b)
    case .numberValue(let n): self = .number(n)
    case .stringValue(let s): self = .string(s)
    case .listValue(let list): self = .array(list.values.map(Self.init))
    case .structValue(let s): self = Self(s)
    }
  }

  public init(_ proto: Google_Protobuf_Struct) {
    self = .object(JSONObject(proto.fields.lazy.map { (key: $0.key, value: Self($0.value)) }))
  }

  public var protoValue: Google_Protobuf_Value {
    var proto = Google_Protobuf_Value()
    switch self {
    case .null: proto.kind = .nullValue(.nullValue)
    case .bool(let b): proto.kind = .boolValue(b)
    case .number(let n): proto.kind = .numberValue(n)
    case .string(let s): proto.kind = .stringValue(s)
    case .array(let a):
      var list = Google_Protobuf_ListValue()
      list.values = a.map(\.protoValue)
      proto.kind = .listValue(list)
    case .object(let o): proto.kind = .structValue(Self.protoStruct(o))
    }
    return proto
  }

  /// A Struct from an object's members. Non-objects have no Struct form: callers pass objects only.
  public var protoStruct: Google_Protobuf_Struct {
    Self.protoStruct(objectValue ?? [:])
  }

  static func protoStruct(_ members: JSONObject) -> Google_Protobuf_Struct {
    var s = Google_Protobuf_Struct()
    s.fields = Dictionary(members.lazy.map { ($0.key, $0.value.protoValue) }, uniquingKeysWith: { _, last in last })
    return s
  }
}
