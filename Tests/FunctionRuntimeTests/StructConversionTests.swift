import FunctionRuntime
import ServerlessComposition
import SwiftProtobuf
import Testing

struct StructConversionTests {
  static let samples: [Value] = [
    .null, true, false, 0, -0.0, 8080, 8080.5, 1e308, -1e-308, 9_007_199_254_740_993, "", "héllo 🌍",
    [], [:], [1, [2, [3, .null]], ["deep": ["er": [true]]]],
    ["empty": [:], "list": [], "n": 1.5, "s": "x", "nested": ["a": ["b": ["c": .null]]]],
  ]

  @Test(arguments: samples)
  func valueRoundTripsThroughProtobuf(_ value: Value) throws {
    #expect(Value(value.protoValue) == value)
    // And through the wire encoding, as Crossplane sends it.
    let bytes: [UInt8] = try value.protoValue.serializedBytes()
    #expect(Value(try Google_Protobuf_Value(serializedBytes: bytes)) == value)
  }

  @Test func structRoundTrip() {
    let object: Value = ["apiVersion": "v1", "spec": ["replicas": 3, "ports": [["port": 80]]], "status": [:]]
    #expect(Value(object.protoStruct) == object)
  }

  @Test func integersStayExactUpTo2To53() {
    let big = Value.number(9_007_199_254_740_992)
    #expect(Value(big.protoValue) == big)
  }
}
