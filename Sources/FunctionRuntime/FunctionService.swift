import GRPCCore
import GRPCProtobuf
import Logging

/// The gRPC service: `RunFunction` under both `apiextensions.fn.proto.v1` and `v1beta1`.
///
/// Crossplane calls v1 first and falls back to v1beta1 on UNIMPLEMENTED (Crossplane 1.16 and older
/// speak only v1beta1). Upstream generates v1beta1 from the same file with only the package line
/// changed, so the messages are identical on the wire and one handler serves both names.
public struct FunctionService: RegistrableRPCService {
  public static let v1beta1Method = MethodDescriptor(
    fullyQualifiedService: "apiextensions.fn.proto.v1beta1.FunctionRunnerService", method: "RunFunction")

  let runner: FunctionRunner
  let logger: Logger

  public init(runner: FunctionRunner, logger: Logger) {
    self.runner = runner
    self.logger = logger
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    for method in [Apiextensions_Fn_Proto_V1_FunctionRunnerService.Method.RunFunction.descriptor, Self.v1beta1Method] {
      router.registerHandler(
        forMethod: method,
        deserializer: ProtobufDeserializer<RunFunctionRequest>(),
        serializer: ProtobufSerializer<RunFunctionResponse>()
      ) { request, context in
        let message = try await ServerRequest(stream: request).message
        let response = self.runFunction(message, method: method)
        return StreamingServerResponse(single: ServerResponse(message: response))
      }
    }
  }

  func runFunction(_ request: RunFunctionRequest, method: MethodDescriptor) -> RunFunctionResponse {
    let start = ContinuousClock.now
    let (response, summary) = runner.run(request)
    let duration = ContinuousClock.now - start
    logger.debug(
      "RunFunction",
      metadata: [
        "method": "\(method.fullyQualifiedMethod)",
        "tag": "\(request.meta.tag)",
        "xr-kind": "\(summary.compositeKind)",
        "xr-name": "\(summary.compositeName)",
        "resources-composed": "\(summary.resourcesComposed)",
        "fatal": "\(summary.fatal)",
        "duration-us": "\(duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)",
      ])
    return response
  }
}
