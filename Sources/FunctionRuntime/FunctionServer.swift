import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle

/// The gRPC server as a swift-service-lifecycle `Service`: on SIGTERM/SIGINT the service group
/// triggers a graceful shutdown, the server stops accepting connections, lets in-flight calls finish,
/// and `run()` returns.
public struct FunctionServer: Service {
  let server: GRPCServer<HTTP2ServerTransport.Posix>
  let transport: HTTP2ServerTransport.Posix
  let logger: Logger

  public init(configuration: ServerConfiguration, runner: FunctionRunner, logger: Logger) {
    transport = HTTP2ServerTransport.Posix(
      address: configuration.socketAddress,
      transportSecurity: configuration.transportSecurity,
      config: .defaults { $0.rpc.maxRequestPayloadSize = configuration.maxReceiveMessageBytes })
    server = GRPCServer(transport: transport, services: [FunctionService(runner: runner, logger: logger)])
    self.logger = logger
  }

  /// The address actually bound (useful with port 0), once listening.
  public var listeningAddress: GRPCNIOTransportHTTP2.SocketAddress {
    get async throws { try await transport.listeningAddress }
  }

  public func run() async throws {
    try await withGracefulShutdownHandler {
      try await withThrowingDiscardingTaskGroup { group in
        group.addTask { try await server.serve() }
        group.addTask {
          // serve() fails on its own if binding fails; only a successful bind is logged.
          if let address = try? await transport.listeningAddress {
            logger.info("listening", metadata: ["address": "\(address)"])
          }
        }
      }
    } onGracefulShutdown: {
      logger.info("shutting down: no new connections; in-flight calls finish")
      server.beginGracefulShutdown()
    }
  }
}
