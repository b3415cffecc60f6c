import Foundation
import FunctionRuntime
import GoldenCases
import ServerlessComposition
import SwiftProtobuf
import Testing

/// The server reads a request's observed state straight into the value model; it must read exactly
/// what swift-protobuf reads, and leave anything but the canonical encoding to swift-protobuf.
struct RequestDecodingTests {
  /// A request with everything a later step and a second call carry: desired state, context, input,
  /// observed composed resources with connection details and readiness, required resources.
  static func fullRequest(xr: ServerlessComposition.Value = Fixtures.app) -> RunFunctionRequest {
    var request = Fixtures.laterStepRequest()
    request.observed.composite.resource = xr.protoStruct
    var deployment = Fixtures.observed(name: "silly-demo-deployment", ready: "True")
    deployment.connectionDetails = ["token": Data([0xFF, 0x00, 0x80])]
    deployment.ready = .true
    request.observed.resources["silly-demo-deployment"] = deployment
    request.observed.resources["no-body"] = Apiextensions_Fn_Proto_V1_Resource()
    request.input = Fixtures.json(["apiVersion": "fn.devopstoolkit.live/v1beta1", "kind": "Input"]).protoStruct
    var items = Apiextensions_Fn_Proto_V1_Resources()
    items.items = [deployment]
    request.requiredResources["neighbour"] = items
    request.meta.capabilities = [.capabilities, .requiredResources]
    return request
  }

  /// Read straight (the message keeps no observed state) and equal to swift-protobuf's reading.
  func expectReadStraight(_ bytes: [UInt8], _ request: RunFunctionRequest, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let decoded = try RequestDecoding.decode(bytes)
    var withoutObserved = request
    withoutObserved.clearObserved()
    #expect(decoded.message == withoutObserved, sourceLocation: sourceLocation)
    #expect(decoded.observed == FunctionRequest(request).observed, sourceLocation: sourceLocation)
  }

  /// Left to swift-protobuf whole: the same message and observed state as it reads them.
  func expectFallsBack(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let request = try RunFunctionRequest(serializedBytes: bytes)
    let decoded = try RequestDecoding.decode(bytes)
    #expect(decoded.message == request, sourceLocation: sourceLocation)
    #expect(decoded.observed == FunctionRequest(request).observed, sourceLocation: sourceLocation)
  }

  @Test(arguments: ResponseEncodingTests.golden)
  func everyGoldenRequestIsReadStraightAndAnsweredAlike(_ golden: GoldenCase) throws {
    guard let xr = golden.request?.xr else { return }
    let request = Self.fullRequest(xr: xr)
    // In the order Go's encoder leaves map entries (any) and in key order.
    for bytes: [UInt8] in [try request.serializedBytes(), try request.serializedBytes(options: Self.deterministic)] {
      try expectReadStraight(bytes, request)
      #expect(try FunctionRunner().answer(RequestDecoding.decode(bytes)).bytes == FunctionRunner().answer(request).bytes)
    }
  }

  @Test func everyKindOfValueIsReadStraight() throws {
    let values: ServerlessComposition.Value = [
      "null": .null, "true": true, "false": false, "zero": 0, "negativeZero": -0.0, "big": 1e308, "small": -1e-308,
      "beyond2to53": 9_007_199_254_740_993, "empty": "", "unicode": "ünï 🌍 \u{0}", "long": .string(String(repeating: "x", count: 300)),
      "list": [1, [2, [3, .null]], ["deep": [true]]], "emptyList": [], "emptyObject": [:], "": "empty key",
    ]
    var request = RunFunctionRequest()
    request.observed.composite.resource = values.protoStruct
    try expectReadStraight(try request.serializedBytes(), request)
    // A Value with no kind is null; a map entry without a key has the key "", without a value null.
    var bare = Google_Protobuf_Struct()
    bare.fields["no-kind"] = Google_Protobuf_Value()
    request.observed.composite.resource = bare
    try expectReadStraight(try request.serializedBytes(), request)
    let entryWithoutKeyOrValue: [UInt8] = [0x12, 0x06, 0x0A, 0x04, 0x0A, 0x02, 0x0A, 0x00]
    try expectReadStraight(entryWithoutKeyOrValue, try RunFunctionRequest(serializedBytes: entryWithoutKeyOrValue))
  }

  @Test func unknownFieldsAreSkippedAsProtobufKeepsThem() throws {
    var request = Self.fullRequest()
    var composite = request.observed.composite.resource
    // Field 9 of Struct (varint 1), then field 15 (length 1) of the Resource.
    composite.unknownFields = try UnknownStorageProbe.unknown([0x48, 0x01])
    request.observed.composite.resource = composite
    request.observed.composite.unknownFields = try UnknownStorageProbe.unknown([0x7A, 0x01, 0x00])
    let bytes: [UInt8] = try request.serializedBytes()
    let decoded = try RequestDecoding.decode(bytes)
    #expect(!decoded.message.hasObserved)
    #expect(decoded.observed == FunctionRequest(request).observed)
  }

  @Test func anythingButTheCanonicalEncodingIsLeftToSwiftProtobuf() throws {
    let request = Self.fullRequest()
    let bytes: [UInt8] = try request.serializedBytes()
    var observedOnly = RunFunctionRequest()
    observedOnly.observed = request.observed
    let observed: [UInt8] = try observedOnly.serializedBytes()
    // `observed` twice: protobuf merges the two.
    try expectFallsBack(bytes + observed)
    // A Value with two kinds, null then bool: protobuf keeps the last.
    let nullThenTrue: [UInt8] = [0x08, 0x00, 0x20, 0x01]
    try expectFallsBack(
      Self.embedded(
        2, Self.embedded(1, Self.embedded(1, Self.embedded(1, Self.embedded(1, Array("a".utf8)) + Self.embedded(2, nullThenTrue))))))
    var deep: ServerlessComposition.Value = "bottom"
    for _ in 0..<RequestDecodingTests.depthBeyondTheLimit { deep = ["d": deep] }
    var deepRequest = RunFunctionRequest()
    deepRequest.observed.composite.resource = Fixtures.json(["deep": deep]).protoStruct
    try expectFallsBack(try deepRequest.serializedBytes())
  }

  static let depthBeyondTheLimit = 30

  /// A length-delimited field of a short content (under 128 bytes).
  static func embedded(_ field: UInt8, _ content: [UInt8]) -> [UInt8] { [field << 3 | 2, UInt8(content.count)] + content }

  static let deterministic = {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    return options
  }()

  @Test func whatProtobufRefusesIsRefused() throws {
    let bytes: [UInt8] = try Self.fullRequest().serializedBytes()
    // Invalid UTF-8 in a key of the observed XR, and the request cut short.
    var request = RunFunctionRequest()
    request.observed.composite.resource.fields["ab"] = Google_Protobuf_Value(stringValue: "x")
    var invalid: [UInt8] = try request.serializedBytes()
    let key = invalid.firstIndex(of: UInt8(ascii: "a"))!
    invalid[key] = 0xFF
    #expect(throws: (any Error).self) { try RunFunctionRequest(serializedBytes: invalid) }
    #expect(throws: (any Error).self) { try RequestDecoding.decode(invalid) }
    // Tags padded beyond five bytes: `observed`'s own, and one inside the observed XR.
    let paddedTags: [[UInt8]] = [
      [0x92, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00],
      [0x12, 0x13, 0x0A, 0x11, 0x0A, 0x0F, 0x0A, 0x0D, 0x0A, 0x01, 0x61, 0x12, 0x08, 0x9A, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01, 0x62],
    ]
    for padded in paddedTags {
      #expect(throws: (any Error).self) { try RunFunctionRequest(serializedBytes: padded) }
      #expect(throws: (any Error).self) { try RequestDecoding.decode(padded) }
    }
    for cut in [1, 7, bytes.count / 2, bytes.count - 1] {
      let short = Array(bytes.prefix(cut))
      #expect((try? RunFunctionRequest(serializedBytes: short)) == nil)
      #expect((try? RequestDecoding.decode(short)) == nil)
    }
  }
}

/// Unknown fields as swift-protobuf stores them, taken from decoding a message that has them.
enum UnknownStorageProbe {
  static func unknown(_ bytes: [UInt8]) throws -> UnknownStorage {
    try Google_Protobuf_Empty(serializedBytes: bytes).unknownFields
  }
}
