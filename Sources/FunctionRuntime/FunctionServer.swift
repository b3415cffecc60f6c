import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle

/// The gRPC server as a swift-service-lifecycle `Service`: on SIGTERM/SIGINT the service group
/// triggers a graceful shutdown, the server stops accepting connections, lets in-flight calls finish,
/// and `run()` returns.
///
/// It also serves gRPC's standard health service: on the function's own port (behind the same TLS)
/// and, when `healthAddress` is set, on a plaintext port of its own that serves nothing else, because
/// the kubelet's gRPC probe cannot present a client certificate.
public struct FunctionServer: Service {
  let server: GRPCServer<HTTP2ServerTransport.Posix>
  let transport: HTTP2ServerTransport.Posix
  let healthServer: GRPCServer<HTTP2ServerTransport.Posix>?
  let healthTransport: HTTP2ServerTransport.Posix?
  let health: HealthStatus
  let logger: Logger

  /// Calls in flight on one connection: Crossplane multiplexes every XR's reconcile over one.
  public static let maxConcurrentStreams = 4096

  /// The names a health check may ask for, besides "" (the whole server).
  public static let healthServiceNames = [
    "apiextensions.fn.proto.v1.FunctionRunnerService", "apiextensions.fn.proto.v1beta1.FunctionRunnerService",
  ]

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
    health = HealthStatus(services: Self.healthServiceNames)
    server = GRPCServer(
      transport: transport,
      services: [
        FunctionService(runner: runner, logger: logger, metrics: metrics, maxRequestBytes: configuration.maxReceiveMessageBytes),
        HealthService(status: health),
      ])
    let health = health
    let healthTransport = configuration.healthSocketAddress.map { HTTP2ServerTransport.Posix(address: $0, transportSecurity: .plaintext) }
    self.healthTransport = healthTransport
    healthServer = healthTransport.map { GRPCServer(transport: $0, services: [HealthService(status: health)]) }
    self.logger = logger
  }

  /// The address actually bound (useful with port 0), once listening.
  public var listeningAddress: GRPCNIOTransportHTTP2.SocketAddress {
    get async throws { try await transport.listeningAddress }
  }

  public func run() async throws {
    // Not children of the task group: listeningAddress awaits a future that cancellation does not end
    // and that never completes when serve() throws before listening (a shutdown before serve() starts).
    let announcements = [
      Task {
        if let address = try? await transport.listeningAddress {
          health.markServing()
          logger.info("listening", metadata: ["address": "\(address)"])
          StartupPages.release()
        }
      },
      Task {
        if let healthTransport, let address = try? await healthTransport.listeningAddress {
          logger.info("health listening", metadata: ["address": "\(address)"])
        }
      },
    ]
    defer { for task in announcements { task.cancel() } }
    try await withGracefulShutdownHandler {
      try await withThrowingTaskGroup(of: Bool.self) { group in
        // The health port outlives the function's: a probe reads NOT_SERVING while calls drain.
        if let healthServer {
          group.addTask {
            try await healthServer.serve()
            return false
          }
        }
        group.addTask {
          try await server.serve()
          return true
        }
        while let functionServerEnded = try await group.next() {
          if functionServerEnded { healthServer?.beginGracefulShutdown() }
        }
      }
    } onGracefulShutdown: {
      logger.info("shutting down: no new connections; in-flight calls finish")
      health.markShuttingDown()
      server.beginGracefulShutdown()
    }
  }
}
