import Foundation
import FunctionRender
import FunctionRuntime
import GoldenCases
import ServerlessComposition
import SwiftProtobuf
import Testing

/// The response goes on the wire through our own Struct encoding; decoded as Crossplane decodes it
/// (the upstream RunFunctionResponse), it must be the very message the runner built, and its bytes
/// must be protobuf's deterministic form (map entries by key), so that every process and replica
/// answers the same request with the same bytes.
struct ResponseEncodingTests {
  static let golden = GoldenCase.all(
    in: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../ServerlessCompositionTests/Golden")
      .standardized)

  /// - Parameter answer: the same response as the server encodes it (composed resources straight from
  ///   the value model), when there is one.
  func roundTrips(_ response: RunFunctionResponse, answer: [UInt8]? = nil) throws {
    let ours = try ResponseEncoding.encode(response)
    let decoded = try RunFunctionResponse(serializedBytes: ours)
    #expect(decoded == response)
    // Byte for byte swift-protobuf's deterministic encoding: a Swift dictionary's iteration order
    // changes from process to process, so any entry written in that order would show here.
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    let theirs: [UInt8] = try response.serializedBytes(options: options)
    #expect(ours == theirs)
    if let answer { #expect(answer == theirs) }
  }

  @Test(arguments: golden)
  func everyGoldenAnswerRoundTrips(_ golden: GoldenCase) throws {
    // Cases whose file is not YAML test render's errors; they give no request.
    guard let xr = golden.request?.xr else { return }
    var request = Fixtures.laterStepRequest()
    request.observed.composite.resource = xr.protoStruct
    try roundTrips(FunctionRunner().run(request).0, answer: FunctionRunner().answer(request).bytes)
  }

  /// An earlier step's resource of a name the function composes is replaced whole (connection
  /// details and readiness included), in the message and in the answer's bytes alike.
  @Test func aComposedResourceReplacesAnEarlierStepsOfTheSameName() throws {
    var request = Fixtures.laterStepRequest()
    var earlier = request.desired.resources["earlier-thing"]!
    earlier.ready = .false
    request.desired.resources["silly-demo-deployment"] = earlier
    let response = FunctionRunner().run(request).0
    #expect(response.desired.resources["silly-demo-deployment"]?.connectionDetails.isEmpty == true)
    #expect(response.desired.resources["silly-demo-deployment"]?.resource.fields["kind"]?.stringValue == "Object")
    #expect(response.desired.resources["earlier-thing"] == request.desired.resources["earlier-thing"])
    try roundTrips(response, answer: FunctionRunner().answer(request).bytes)
  }

  /// A null of a value protobuf does not know, negative too, comes back as it came.
  @Test func anUnrecognizedNullInTheContextIsPassedThrough() throws {
    // context = {"a": Value{null_value: -1}}
    let bytes: [UInt8] = [0x2A, 0x0D, 0x0A, 0x0B, 0x0A, 0x01, 0x61, 0x12, 0x06, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
    let request = try RunFunctionRequest(serializedBytes: bytes)
    #expect(request.context.fields["a"]?.kind == .nullValue(.UNRECOGNIZED(-1)))
    let answer = try FunctionRunner().answer(RequestDecoding.decode(bytes)).bytes
    #expect(try RunFunctionResponse(serializedBytes: answer).context == request.context)
    try roundTrips(FunctionRunner().run(request).0, answer: answer)
  }

  @Test func everyKindOfValueRoundTrips() throws {
    var response = RunFunctionResponse()
    let values: ServerlessComposition.Value = [
      "null": .null, "true": true, "false": false, "zero": 0, "negativeZero": -0.0, "big": 1e308, "small": -1e-308,
      "beyond2to53": 9_007_199_254_740_993, "empty": "", "unicode": "ünï 🌍 \u{0}", "long": .string(String(repeating: "x", count: 300)),
      "list": [1, [2, [3, .null]], ["deep": [true]]], "emptyList": [], "emptyObject": [:],
    ]
    response.context = values.protoStruct
    response.output = values.protoStruct
    response.desired.composite.resource = Google_Protobuf_Struct()
    var resource = Apiextensions_Fn_Proto_V1_Resource()
    resource.resource = values.protoStruct
    resource.connectionDetails = ["password": Data("s3cr3t".utf8)]
    resource.ready = .true
    response.desired.resources["everything"] = resource
    response.desired.resources["no-body"] = Apiextensions_Fn_Proto_V1_Resource()
    try roundTrips(response)

    // The same values written straight from the value model, as composed resources are.
    var withoutComposed = response
    withoutComposed.desired.resources["everything"] = nil
    var composedOnly = response
    composedOnly.desired.resources["everything"]?.connectionDetails = [:]
    let straight = try ResponseEncoding.encode(
      withoutComposed, composed: ["everything": ResponseEncoding.ComposedResource(resource: values, ready: .true)])
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    #expect(straight == (try composedOnly.serializedBytes(options: options) as [UInt8]))
  }
}
