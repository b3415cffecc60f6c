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

  /// Calls in flight on one connection: Crossplane multiplexes every XR's reconcile over one.
  public static let maxConcurrentStreams = 4096

  /// The transport's own ceiling: requests between the limit and this get RESOURCE_EXHAUSTED from the
  /// service; beyond it the transport resets the stream rather than buffer without bound.
  static func transportLimit(_ limit: Int) -> Int { limit.multipliedReportingOverflow(by: 4).overflow ? Int.max : limit * 4 }

  public init(configuration: ServerConfiguration, runner: FunctionRunner, logger: Logger, metrics: CallMetrics? = nil) {
    transport = HTTP2ServerTransport.Posix(
      address: configuration.socketAddress,
      transportSecurity: configuration.transportSecurity,
      config: .defaults {
        $0.rpc.maxRequestPayloadSize = Self.transportLimit(configuration.maxReceiveMessageBytes)
        // Advertised to the client. Left unset, nothing is advertised yet SwiftNIO enforces HTTP/2's
        // customary 100, and a client that opens more at once loses the whole connection (GOAWAY).
        $0.http2.maxConcurrentStreams = Self.maxConcurrentStreams
      })
    server = GRPCServer(
      transport: transport,
      services: [
        FunctionService(runner: runner, logger: logger, metrics: metrics, maxRequestBytes: configuration.maxReceiveMessageBytes)
      ])
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
