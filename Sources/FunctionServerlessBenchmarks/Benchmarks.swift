import ArgumentParser
import Foundation
import FunctionRender
import FunctionRuntime
import FunctionSimulation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import MallocInterposerSwift
import ServerlessComposition

/// Speed and memory, measured: `scripts/bench.sh` runs this against the release binary and prints
/// one table. Composition is measured in-process (the pure core, then the whole runner with its
/// protobuf conversion); everything else drives the real server binary in its own process over
/// loopback gRPC with a client of the generated stubs, so its memory is the server's alone.
@main
struct Benchmarks: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "function-serverless-benchmarks", abstract: "Measure function-serverless and print a table of figures.")

  @Option(help: "The server binary to drive.")
  var server = ".build/release/function-serverless"

  @Option(help: "Calls made before the resident memory is read the last time.")
  var memoryCalls = 1_000_000

  @Option(help: "Seconds per throughput measurement.")
  var seconds = 3.0

  @Option(help: "The repository root (examples, golden cases and the test certificate script).")
  var root = "."

  @Option(help: "The grpc-go peer server (../shared/tools/gopeer): measured side by side with ours, with h2load.")
  var peer: String?

  @Option(help: "A function-go-templating template for the peer's -template mode, measured as a third server.")
  var peerTemplate: String?

  @Flag(help: "Only the side-by-side comparison with the peer.")
  var peerOnly = false

  @Flag(help: "Only `simulate`'s figures.")
  var simulationOnly = false

  @Option(help: "Only answer the App request this many times, from its bytes as the server does, for a profiler (perf, valgrind).")
  var profileCalls: Int?

  @Flag(help: "Only the in-process figures: composition, encoding and whole calls without a transport.")
  var inProcessOnly = false

  func run() async throws {
    let table = Table()
    let app = try load("examples/app/app-scale-to-zero.yaml")
    if simulationOnly {
      try simulation(app, table: table)
      return table.print()
    }
    var appRequest = RunFunctionRequest()
    appRequest.observed.composite.resource = app.protoStruct
    if let profileCalls {
      let bytes: [UInt8] = try appRequest.serializedBytes()
      let runner = FunctionRunner()
      for _ in 0..<profileCalls { _ = try runner.answer(RequestDecoding.decode(bytes)) }
      return
    }
    if let peer {
      try await compare(with: peer, request: appRequest, table: table)
      if peerOnly { return table.print() }
    } else if peerOnly {
      throw ValidationError("--peer-only needs --peer (scripts/bench.sh passes it when ../shared/tools/gopeer builds)")
    }
    let cluster = try load("Tests/ServerlessCompositionTests/Golden/cluster/aws-test-06-advanced-apps--ai-gateway/xr.yaml")
    let oneStep = "Tests/ServerlessCompositionTests/Golden/cluster-parts/one-step-aws/"
    let cases: [(name: String, xr: Value, input: Value?)] = [
      ("App, scale to zero", app, nil),
      ("Cluster, every app (largest parity case)", cluster, nil),
      ("Cluster in one step, EKS and the walkthrough's apps", try load(oneStep + "xr.yaml"), try load(oneStep + "input.yaml")),
    ]

    table.section("Composition, in-process (median of 9 rounds)")
    for (name, xr, input) in cases {
      let request = CompositionRequest(composite: xr, input: input)
      table.row(
        "\(name): compose", Measure.perCall { _ = Composer.compose(request) }, Measure.allocations { _ = Composer.compose(request) })
      let runner = FunctionRunner()
      var proto = RunFunctionRequest()
      proto.observed.composite.resource = xr.protoStruct
      if let input { proto.input = input.protoStruct }
      let response = runner.run(proto).0
      table.row("\(name): answer encoding for the wire", Measure.perCall { _ = try! ResponseEncoding.encode(response) })
      table.row(
        "\(name): RunFunction, request message to answer bytes", Measure.perCall { _ = try! runner.answer(proto) },
        Measure.allocations { _ = try! runner.answer(proto) })
      let requestBytes: [UInt8] = try proto.serializedBytes()
      let fromBytes = { _ = try! runner.answer(RequestDecoding.decode(requestBytes)) }
      table.row(
        "\(name): RunFunction, request bytes to answer bytes", Measure.perCall(fromBytes), Measure.allocations(fromBytes))
    }
    if inProcessOnly { return table.print() }

    try simulation(app, table: table)

    table.section("Start-up: process start to first answered call (median of 7)")
    var starts: [Duration] = []
    for _ in 0..<7 {
      let begin = ContinuousClock.now
      let process = try ServerProcess(binary: server, flags: ["--insecure"])
      try await Client.waitForFirstAnswer(process, security: .plaintext, request: appRequest)
      starts.append(ContinuousClock.now - begin)
      process.stop()
    }
    table.row("insecure", Measure.format(Measure.median(starts)))

    let certificates = try TestCertificates(root: root)
    defer { certificates.remove() }
    for security in [Client.Security.plaintext, .mutualTLS(certificates)] {
      let flags = security.isPlaintext ? ["--insecure"] : ["--tls-certs-dir", certificates.serverDir]
      let process = try ServerProcess(binary: server, flags: flags)
      defer { process.stop() }
      try await Client.waitForFirstAnswer(process, security: security, request: appRequest)
      try await Client.with(process, security: security) { client in
        table.section("End to end over loopback, \(security.name), App scale to zero")
        let latencies = try await client.sequential(appRequest, calls: 20_000)
        table.row("sequential latency p50 / p99", "\(Measure.format(latencies.p50)) / \(Measure.format(latencies.p99))")
        for callers in [1, 4, 16, 64] {
          let cpuBefore = process.cpuTime()
          let (calls, rate) = try await client.throughput(appRequest, callers: callers, seconds: seconds)
          let cpuPerCall = (process.cpuTime() - cpuBefore) / calls
          table.row(
            "throughput, \(callers) concurrent callers", "\(Int(rate)) calls/s", "server CPU \(Measure.format(cpuPerCall)) per call")
        }
        guard security.isPlaintext else { return }
        table.section("Server resident memory, insecure (\(memoryCalls) calls, 16 callers)")
        table.row("after start-up and 1 call", Measure.megabytes(process.residentBytes()))
        let tenth = max(memoryCalls / 10, 1)
        try await client.calls(appRequest, count: tenth, callers: 16)
        table.row("after \(tenth) calls", Measure.megabytes(process.residentBytes()))
        try await client.calls(appRequest, count: memoryCalls - tenth, callers: 16)
        table.row("after \(memoryCalls) calls", Measure.megabytes(process.residentBytes()))
      }
    }
    table.print()
  }

  /// Ours and the grpc-go peers under the same h2load runs: the transport floor, and with
  /// `--peer-template` function-go-templating's per-call work. The last columns are ours / each.
  func compare(with peer: String, request: RunFunctionRequest, table: Table) async throws {
    var servers = [
      PeerComparison.Server(name: "ours") { try ServerProcess(binary: server, flags: ["--insecure"]) },
      PeerComparison.Server(name: "grpc-go floor") { try ServerProcess(binary: peer, arguments: { ["-addr", "127.0.0.1:\($0)"] }) },
    ]
    if let peerTemplate {
      servers.append(
        PeerComparison.Server(name: "grpc-go templating") {
          try ServerProcess(binary: peer, arguments: { ["-addr", "127.0.0.1:\($0)", "-template", peerTemplate] })
        })
    }
    // Each must really answer the request (h2load sees HTTP statuses, not gRPC ones).
    for candidate in servers {
      let process = try candidate.start()
      defer { process.stop() }
      try await Client.waitForFirstAnswer(process, security: .plaintext, request: request)
      try await Client.with(process, security: .plaintext) { client in
        let response = try await client.call(request)
        guard !response.desired.resources.isEmpty, response.results.allSatisfy({ $0.severity != .fatal }) else {
          throw ValidationError("\(candidate.name) answered the App request without composed resources or with a Fatal result")
        }
      }
    }
    let requestFile = FileManager.default.temporaryDirectory.appendingPathComponent("fn-serverless-bench-request-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: requestFile) }
    let message: [UInt8] = try request.serializedBytes()
    let length = UInt32(message.count).bigEndian
    try Data([0] + withUnsafeBytes(of: length) { Array($0) } + message).write(to: requestFile)

    let figures = try PeerComparison(servers: servers, requestFile: requestFile.path).measure()
    let names = servers.map(\.name)
    table.section(
      "Side by side, h2load, App scale to zero, insecure (median of 3; \(names.joined(separator: " | ")) | "
        + names.dropFirst().map { "ours/\($0)" }.joined(separator: " | ") + ")")
    for (name, values, ratios) in PeerComparison.rows(figures) {
      table.row(name, values.joined(separator: " | "), ratios.joined(separator: " | "))
    }
  }

  /// `simulate` on 14 days of a million requests (a weekday profile: busy office hours, quiet nights
  /// and weekends), the App `scale-to-zero` example: reading the trace as a CSV, then the run and the
  /// always-on run the saving is measured against.
  func simulation(_ xr: Value, table: Table) throws {
    table.section("simulate, 14 days, 1,000,000 requests, App scale to zero (median of 3)")
    let days = (0..<14).map { day in
      (0..<1440).map { minute -> Double in
        let hour = Double(minute) / 60
        let office = (8..<18).contains(hour) && day % 7 < 5
        return office ? 1 : 0.04
      }
    }
    let weight = days.joined().reduce(0, +)
    let counts = days.map { $0.map { Int(($0 / weight * 1_000_000).rounded()) } }
    let trace = try AzureFunctionsTrace.trace(days: counts, seed: 1)
    var csv = "time\n"
    for time in trace.arrivals { csv += "\(time)\n" }
    table.row("reading the trace (CSV, \(trace.arrivals.count) lines)", Self.median { _ = try? RequestTimesCSV.parse(csv) })
    let app = try composed(xr)
    let alwaysOn = app.alwaysOn
    var outcome: SimulationOutcome?
    table.row(
      "the run", Self.median { outcome = Simulator(app: app, trace: trace, parameters: .init()).run() },
      outcome.map { "\($0.coldStarts) cold starts, \(Int($0.podSeconds / 3600)) pod-hours" } ?? "")
    table.row("the always-on run", Self.median { _ = Simulator(app: alwaysOn, trace: trace, parameters: .init()).run() })
  }

  func composed(_ xr: Value) throws -> ComposedApp {
    let result = Composer.compose(CompositionRequest(composite: xr))
    guard !result.isFatal else { throw ValidationError("the App does not compose: \(result.results.map(\.message))") }
    return ComposedApp(xr: xr, objects: result.resources.mapValues(\.resource))
  }

  static func median(_ body: () -> Void) -> String {
    var durations: [Duration] = []
    for _ in 0..<3 {
      let start = ContinuousClock.now
      body()
      durations.append(ContinuousClock.now - start)
    }
    return Measure.format(Measure.median(durations))
  }

  func load(_ path: String) throws -> Value {
    try YAMLValue.document(String(contentsOfFile: URL(fileURLWithPath: root).appendingPathComponent(path).path, encoding: .utf8)).value
  }
}

/// Figures, gathered as they are measured and printed as one aligned table.
final class Table {
  private var lines: [(String, String, String)] = []

  func section(_ title: String) {
    lines.append(("", "", ""))
    lines.append((title, "", ""))
    FileHandle.standardError.write(Data("\(title)\n".utf8))
  }

  func row(_ name: String, _ value: String, _ extra: String = "") {
    lines.append(("  " + name, value, extra))
    // Progress on stderr, unbuffered, as the run is long.
    FileHandle.standardError.write(Data("  \(name): \(value) \(extra)\n".utf8))
  }

  func print() {
    let width = lines.map(\.0.count).max() ?? 0
    let valueWidth = lines.map(\.1.count).max() ?? 0
    Swift.print("\n== function-serverless benchmarks")
    for (name, value, extra) in lines {
      let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
      Swift.print(value.isEmpty ? name : "\(padded)  \(value.padding(toLength: valueWidth, withPad: " ", startingAt: 0))  \(extra)")
    }
  }
}

enum Measure {
  /// Median time per call over 9 rounds, each long enough (~0.2 s) to make the clock's cost vanish.
  static func perCall(_ body: () -> Void) -> String {
    for _ in 0..<200 { body() }  // warm caches and lazy statics
    var iterations = 1
    while true {
      let elapsed = ContinuousClock().measure { for _ in 0..<iterations { body() } }
      if elapsed > .milliseconds(200) { break }
      iterations *= 2
    }
    let rounds = (0..<9).map { _ in ContinuousClock().measure { for _ in 0..<iterations { body() } } / iterations }
    return format(median(rounds))
  }

  /// Mallocs per call, counted by ordo-one's malloc-interposer when it is preloaded (LD_PRELOAD).
  static func allocations(_ body: () -> Void) -> String {
    MallocInterposerSwift.initialize()
    body()
    MallocInterposerSwift.reset()
    MallocInterposerSwift.hook()
    for _ in 0..<1000 { body() }
    MallocInterposerSwift.unhook()
    let statistics = MallocInterposerSwift.getStatistics()
    guard statistics.mallocCount > 0 else { return "(allocations: preload libMallocInterposerSwift.so to count)" }
    return "\(statistics.mallocCount / 1000) allocations, \(statistics.mallocBytesCount / 1000) bytes per call"
  }

  static func median(_ durations: [Duration]) -> Duration { durations.sorted()[durations.count / 2] }

  static func format(_ duration: Duration) -> String {
    let nanoseconds = Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    if nanoseconds < 1e3 { return String(format: "%.0f ns", nanoseconds) }
    if nanoseconds < 1e6 { return String(format: "%.1f us", nanoseconds / 1e3) }
    return String(format: "%.2f ms", nanoseconds / 1e6)
  }

  static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
}

/// The server binary in a process of its own on a free loopback port.
final class ServerProcess {
  let process = Process()
  let port: Int

  /// Our server, with `flags` after its address.
  convenience init(binary: String, flags: [String]) throws {
    try self.init(binary: binary) { ["--address", "127.0.0.1:\($0)", "--metrics-address", ""] + flags }
  }

  /// Any server, given its arguments for a port.
  init(binary: String, arguments: (Int) -> [String]) throws {
    port = try Self.freePort()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments(port)
    var environment = ProcessInfo.processInfo.environment
    environment["LD_PRELOAD"] = nil  // the interposer counts this process's allocations, not the server's
    process.environment = environment
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  func stop() {
    process.terminate()
    process.waitUntilExit()
  }

  /// What the server holds in memory now, from /proc: `VmRSS` in all, or one of its parts, `RssAnon`
  /// (heap and stacks: what grows with work) or `RssFile` (mapped code and data of the binary and its
  /// libraries: clean pages the kernel can drop and read again).
  func residentBytes(_ field: String = "VmRSS") -> Int {
    let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("\(field):") } ?? ""
    return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
  }

  /// User and system CPU the server has used so far (/proc/PID/stat, in clock ticks): robust
  /// where wall-clock figures on two shared cores are not.
  func cpuTime() -> Duration {
    let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime
    // are the 12th and 13th of them.
    let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
    guard fields.count > 12, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return .zero }
    return .milliseconds((user + system) * 1000 / Int64(sysconf(Int32(_SC_CLK_TCK))))
  }

  static func freePort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// The certificates of Tests/support/make-test-certificates.sh, in a temporary folder.
struct TestCertificates {
  let dir: URL
  var serverDir: String { dir.appendingPathComponent("server").path }

  init(root: String) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("fn-serverless-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [URL(fileURLWithPath: root).appendingPathComponent("Tests/support/make-test-certificates.sh").path, dir.path]
    try process.run()
    process.waitUntilExit()
  }

  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
  func remove() { try? FileManager.default.removeItem(at: dir) }
}

/// A client of the generated stubs, over one HTTP/2 connection as Crossplane keeps one.
struct Client {
  enum Security {
    case plaintext
    case mutualTLS(TestCertificates)

    var isPlaintext: Bool { if case .plaintext = self { true } else { false } }
    var name: String { isPlaintext ? "insecure" : "mTLS" }

    var transport: HTTP2ClientTransport.Posix.TransportSecurity {
      switch self {
      case .plaintext: return .plaintext
      case .mutualTLS(let certificates):
        return .mTLS(
          certificateChain: [.file(path: certificates.path("client.crt"), format: .pem)],
          privateKey: .file(path: certificates.path("client.key"), format: .pem)
        ) { $0.trustRoots = .certificates([.file(path: certificates.path("crossplane-ca.crt"), format: .pem)]) }
      }
    }
  }

  typealias Service = Apiextensions_Fn_Proto_V1_FunctionRunnerService
  let client: GRPCClient<HTTP2ClientTransport.Posix>

  static func with(_ server: ServerProcess, security: Security, _ body: (Client) async throws -> Void) async throws {
    try await withGRPCClient(
      transport: .http2NIOPosix(
        target: .ipv4(address: "127.0.0.1", port: server.port), transportSecurity: security.transport,
        config: .defaults { $0.http2.maxFrameSize = 1 << 20 })
    ) { client in try await body(Client(client: client)) }
  }

  /// Retries until the server answers: the start-up figure ends here.
  static func waitForFirstAnswer(_ server: ServerProcess, security: Security, request: RunFunctionRequest) async throws {
    for _ in 0..<5000 {
      if (try? await with(server, security: security) { _ = try await $0.call(request) }) != nil { return }
      try await Task.sleep(for: .milliseconds(1))
    }
    throw ValidationError("the server on port \(server.port) never answered")
  }

  func call(_ request: RunFunctionRequest) async throws -> RunFunctionResponse {
    try await client.unary(
      request: ClientRequest(message: request), descriptor: Service.Method.RunFunction.descriptor,
      serializer: ProtobufSerializer<RunFunctionRequest>(), deserializer: ProtobufDeserializer<RunFunctionResponse>(),
      options: .defaults
    ) { try $0.message }
  }

  func sequential(_ request: RunFunctionRequest, calls: Int) async throws -> (p50: Duration, p99: Duration) {
    for _ in 0..<1000 { _ = try await call(request) }
    var latencies: [Duration] = []
    latencies.reserveCapacity(calls)
    for _ in 0..<calls {
      let start = ContinuousClock.now
      _ = try await call(request)
      latencies.append(ContinuousClock.now - start)
    }
    latencies.sort()
    return (latencies[calls / 2], latencies[calls * 99 / 100])
  }

  /// Calls made, and calls per second, with `callers` each waiting for its answer before the next call.
  func throughput(_ request: RunFunctionRequest, callers: Int, seconds: Double) async throws -> (calls: Int, perSecond: Double) {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    let start = ContinuousClock.now
    let total = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<callers {
        group.addTask {
          var made = 0
          while ContinuousClock.now < deadline {
            _ = try await call(request)
            made += 1
          }
          return made
        }
      }
      return try await group.reduce(0, +)
    }
    let elapsed = ContinuousClock.now - start
    return (total, Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
  }

  func calls(_ request: RunFunctionRequest, count: Int, callers: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for caller in 0..<callers {
        group.addTask {
          for _ in stride(from: caller, to: count, by: callers) { _ = try await call(request) }
        }
      }
      try await group.waitForAll()
    }
  }
}
