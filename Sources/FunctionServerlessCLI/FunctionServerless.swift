import ArgumentParser
import Foundation
import FunctionRender
import FunctionRuntime
import Logging
import NIOCore
import ServerlessComposition
import ServiceLifecycle

@main
struct FunctionServerless: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "function-serverless",
    abstract: "A Crossplane composition function for scale-to-zero Apps and the Clusters that run them.",
    subcommands: [Serve.self, Render.self, Simulate.self],
    defaultSubcommand: Serve.self)
}

/// Serves RunFunction over gRPC, with the flags of Crossplane's Go function SDK.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Serve RunFunction over gRPC (the default).")

  @Option(help: "Address to listen on, host:port (':9443' is every interface).")
  var address = ":9443"

  @Option(help: "Folder with tls.crt, tls.key and ca.crt for mutual TLS. Also read from TLS_SERVER_CERTS_DIR.")
  var tlsCertsDir: String?

  @Flag(help: "Serve plaintext without TLS (local development; wins over --tls-certs-dir).")
  var insecure = false

  @Flag(name: .shortAndLong, help: "Readable debug logs, one line per call.")
  var debug = false

  @Option(help: "Largest request accepted, in MB.")
  var maxRecvMessageSize = 4

  @Option(help: "How long Crossplane may reuse an answer for an identical request, e.g. 60s, 5m, 1h.")
  var ttl = "60s"

  @Option(help: "Address of the Prometheus metrics endpoint (/metrics), host:port; empty turns it off.")
  var metricsAddress = ":8080"

  /// Off by default: the function's port already serves the health service, behind its TLS.
  @Option(help: "Address of a plaintext gRPC health port (grpc.health.v1, for a kubelet gRPC probe), host:port; empty turns it off.")
  var healthAddress = ""

  /// One by default: Crossplane sends every call over one HTTP/2 connection, which one event loop
  /// serves, while the calls themselves run on Swift Concurrency's pool, in parallel. A second loop
  /// only competes with that pool for the cores (docs/performance.md). More serve more connections.
  @Option(help: "Threads that serve connections and run calls.")
  var eventLoops = 1

  func validate() throws {
    guard eventLoops >= 1 else { throw ValidationError("--event-loops must be 1 or more, got \(eventLoops)") }
  }

  func run() async throws {
    // Before anything creates SwiftNIO's singleton event loops, which the transport and the metrics
    // server use.
    NIOSingletons.groupLoopCountSuggestion = eventLoops
    let debug = self.debug
    LoggingSystem.bootstrap { label in
      if debug {
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .debug
        return handler
      }
      return JSONLogHandler(label: label)
    }
    let logger = Logger(label: "function-serverless")

    let configuration: ServerConfiguration
    let ttl: Duration
    let metricsEndpoint: (host: String, port: Int)?
    do {
      ttl = try parseDuration(self.ttl)
      configuration = try ServerConfiguration.fromFlags(
        address: address,
        tlsCertsDir: tlsCertsDir ?? ProcessInfo.processInfo.environment["TLS_SERVER_CERTS_DIR"],
        insecure: insecure,
        maxReceiveMessageMB: maxRecvMessageSize,
        healthAddress: healthAddress)
      metricsEndpoint =
        metricsAddress.isEmpty ? nil : try ServerConfiguration.parseAddress(metricsAddress, flag: "--metrics-address", example: 8080)
    } catch {
      logger.error("cannot start: \(error)")
      throw ExitCode.failure
    }

    var services: [any Service] = []
    var metrics: CallMetrics?
    if let metricsEndpoint {
      let callMetrics = CallMetrics(methods: FunctionService.methods.map(\.fullyQualifiedMethod))
      services.append(MetricsServer(host: metricsEndpoint.host, port: metricsEndpoint.port, metrics: callMetrics, logger: logger))
      metrics = callMetrics
    }
    services.append(FunctionServer(configuration: configuration, runner: FunctionRunner(ttl: ttl), logger: logger, metrics: metrics))
    let group = ServiceGroup(
      configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch {
      logger.error("server stopped: \(error)")
      throw ExitCode.failure
    }
  }

  /// A Go duration, as the SDK's flags take them (`Durations`).
  func parseDuration(_ text: String) throws -> Duration {
    guard let milliseconds = Durations.milliseconds(text) else {
      throw ValidationError("--ttl \(text): expected a duration such as 60s, 5m or 1h")
    }
    return .milliseconds(milliseconds)
  }
}

/// Renders an XR offline, printing what `crossplane render` prints.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Render an XR offline (no server, no Docker, no crossplane CLI) and print the composed resources.")

  @Argument(help: "The XR, a YAML file.")
  var xr: String

  @Option(help: "Observed composed resources: a YAML stream annotated with crossplane.io/composition-resource-name.")
  var observed: String?

  @Option(help: "The step input (serverless.fn.crossplane.io/v1beta1 Input), a YAML file.")
  var input: String?

  @Option(
    help:
      "A Composition: the input and name of this function's step are used (the step whose input is this function's Input, else the one whose functionRef.name is function-serverless, else the only step)."
  )
  var composition: String?

  @Option(help: "The functionRef.name of this function's step in --composition, when the Composition has several.")
  var functionName: String?

  @Flag(help: "Also print the function's results as render.crossplane.io/v1beta1 Result documents.")
  var includeFunctionResults = false

  @Option(
    name: [.customShort("e"), .long],
    help: "Resources the step may ask Crossplane for: a YAML file or a folder of them (repeat for more), as crossplane render -e.")
  var requiredResources: [String] = []

  @Option(
    name: [.customShort("s"), .long],
    help: "A folder of OpenAPI v3 JSON documents (kubectl get --raw /openapi/v3/<group>/<version>), as crossplane render -s.")
  var requiredSchemas: String?

  @Option(help: "The XRD: its defaults are applied to the XR, and the XR must match its schema.")
  var xrd: String?

  @Flag(name: [.customShort("x"), .long], help: "Print the XR's metadata and spec too, not only its status.")
  var includeFullXr = false

  func run() throws {
    do {
      let files = Renderer.Files(
        xr: xr, observed: observed, input: input, composition: composition, requiredResources: requiredResources,
        requiredSchemas: requiredSchemas, xrd: xrd)
      let output = try Renderer.render(
        files, includeFunctionResults: includeFunctionResults, includeFullXR: includeFullXr, functionName: functionName
      ) { note in
        FileHandle.standardError.write(Data("function-serverless render: \(note)\n".utf8))
      }
      print(output, terminator: "")
    } catch {
      FileHandle.standardError.write(Data("function-serverless render: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }
}
