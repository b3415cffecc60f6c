import GRPCCore
import Logging

/// The gRPC service: `RunFunction` under both `apiextensions.fn.proto.v1` and `v1beta1`.
///
/// Crossplane calls v1 first and falls back to v1beta1 on UNIMPLEMENTED (Crossplane 1.16 and older
/// speak only v1beta1). Upstream generates v1beta1 from the same file with only the package line
/// changed, so the messages are identical on the wire and one handler serves both names.
public struct FunctionService: RegistrableRPCService {
  public static let v1beta1Method = MethodDescriptor(
    fullyQualifiedService: "apiextensions.fn.proto.v1beta1.FunctionRunnerService", method: "RunFunction")

  public static let methods = [Apiextensions_Fn_Proto_V1_FunctionRunnerService.Method.RunFunction.descriptor, v1beta1Method]

  let runner: FunctionRunner
  let logger: Logger
  let metrics: CallMetrics?
  /// `--max-recv-message-size`: a larger request is answered with RESOURCE_EXHAUSTED.
  let maxRequestBytes: Int

  public init(runner: FunctionRunner, logger: Logger, metrics: CallMetrics? = nil, maxRequestBytes: Int = 4 << 20) {
    self.runner = runner
    self.logger = logger
    self.metrics = metrics
    self.maxRequestBytes = maxRequestBytes
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    for method in Self.methods {
      router.registerHandler(
        forMethod: method,
        deserializer: SizeLimitedDeserializer(limit: maxRequestBytes),
        serializer: EncodedResponseSerializer()
      ) { request, context in
        let message = try await ServerRequest(stream: request).message
        let response = try self.runFunction(message, method: method)
        return StreamingServerResponse(single: ServerResponse(message: response))
      }
    }
  }

  /// The answer, already encoded for the wire.
  func runFunction(_ request: FunctionRequest, method: MethodDescriptor) throws -> [UInt8] {
    let start = ContinuousClock.now
    let (bytes, results, summary) = try runner.answer(request)
    let duration = ContinuousClock.now - start
    metrics?.record(method: method.fullyQualifiedMethod, severity: Self.mostSevere(results), duration: duration)
    logger.debug(
      "RunFunction",
      metadata: [
        "method": "\(method.fullyQualifiedMethod)",
        "tag": "\(request.message.meta.tag)",
        "xr-kind": "\(summary.compositeKind)",
        "xr-name": "\(summary.compositeName)",
        "resources-composed": "\(summary.resourcesComposed)",
        "fatal": "\(summary.fatal)",
        "duration-us": "\(duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)",
      ])
    return bytes
  }

  static func mostSevere(_ results: [Apiextensions_Fn_Proto_V1_Result]) -> String {
    if results.contains(where: { $0.severity == .fatal }) { return "fatal" }
    if results.contains(where: { $0.severity == .warning }) { return "warning" }
    return results.isEmpty ? "none" : "normal"
  }
}

/// Refuses a request above the limit with RESOURCE_EXHAUSTED, as Go's gRPC server does. The NIO
/// transport has a limit of its own, but it resets the stream (the client sees CANCELLED, which says
/// nothing); so the transport's limit is set higher (`FunctionServer.transportLimit`) and this one
/// answers first.
struct SizeLimitedDeserializer: MessageDeserializer {
  let limit: Int

  func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> FunctionRequest {
    guard serializedMessageBytes.count <= limit else {
      throw RPCError(
        code: .resourceExhausted,
        message: "request of \(serializedMessageBytes.count) bytes is above the server's limit of \(limit) bytes (--max-recv-message-size)")
    }
    do {
      return try serializedMessageBytes.withUnsafeBytes { try RequestDecoding.decode($0) }
    } catch {
      // As grpc-swift-protobuf's own deserializer refuses it.
      throw RPCError(code: .invalidArgument, message: "Can't deserialize to message of type \(RunFunctionRequest.self).", cause: error)
    }
  }
}
