import GRPCCore
import GRPCProtobuf

/// gRPC's standard health service (`grpc.health.v1.Health`), answering from a `HealthStatus`.
struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
  let status: HealthStatus

  /// The status of the named service; NOT_FOUND for a name this server does not know, as the
  /// protocol asks.
  func check(request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws -> Grpc_Health_V1_HealthCheckResponse {
    guard let serving = status.status(of: request.service) else {
      throw RPCError(code: .notFound, message: "unknown service \(request.service)")
    }
    return .with { $0.status = serving }
  }

  /// The status now, then each change, until the client goes away or the server shuts down.
  func watch(
    request: Grpc_Health_V1_HealthCheckRequest, response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>, context: ServerContext
  ) async throws {
    let watch = status.watch(request.service)
    // gRPC cancels an RPC (client reset, deadline, server quiescing) without cancelling this task.
    try await withRPCCancellationHandler {
      for await serving in watch.stream {
        try await response.write(.with { $0.status = serving })
      }
    } onCancelRPC: {
      watch.continuation.finish()
    }
  }
}
