import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves `GET /metrics` (Prometheus text format) over HTTP/1.1 on SwiftNIO, beside the gRPC
/// server. Each answer closes its connection, so a graceful shutdown never waits on an idle
/// scraper's keep-alive.
public struct MetricsServer: Service {
  let host: String
  let port: Int
  let metrics: CallMetrics
  let logger: Logger

  public init(host: String, port: Int, metrics: CallMetrics, logger: Logger) {
    self.host = host
    self.port = port
    self.metrics = metrics
    self.logger = logger
  }

  typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

  public func run() async throws {
    let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .bind(host: host, port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          return try Connection(wrappingChannelSynchronously: channel)
        }
      }
    logger.info("serving metrics", metadata: ["address": "\(listener.channel.localAddress.map { "\($0)" } ?? "")", "path": "/metrics"])
    try await withGracefulShutdownHandler {
      try await withThrowingDiscardingTaskGroup { group in
        try await listener.executeThenClose { connections in
          for try await connection in connections {
            group.addTask { await answer(connection) }
          }
        }
      }
    } onGracefulShutdown: {
      listener.channel.close(promise: nil)
    }
  }

  func answer(_ connection: Connection) async {
    do {
      try await connection.executeThenClose { requests, responses in
        var path: String?
        for try await part in requests {
          switch part {
          case .head(let head): path = head.method == .GET ? head.uri : nil
          case .body: continue
          case .end:
            let found = path == "/metrics"
            let body = found ? metrics.exposition() : Array("GET /metrics\n".utf8)
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain")
            headers.add(name: "content-length", value: "\(body.count)")
            headers.add(name: "connection", value: "close")
            try await responses.write(.head(HTTPResponseHead(version: .http1_1, status: found ? .ok : .notFound, headers: headers)))
            try await responses.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
            try await responses.write(.end(nil))
            return
          }
        }
      }
    } catch {
      logger.debug("metrics connection ended", metadata: ["error": "\(error)"])
    }
  }
}
