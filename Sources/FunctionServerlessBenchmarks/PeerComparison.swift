import Foundation
import FunctionRuntime

/// Our server and the grpc-go peers (`../shared/tools/gopeer`, function servers on grpc-go, the
/// stack of function-sdk-go: the transport floor answering six fixed Objects, and with `-template`
/// function-go-templating's per-call work composing the App) driven by the same client, h2load, with
/// the same request: the runs rotate between the servers, each server goes first in turn, each
/// figure is the median of three, and the table ends with ours / each peer.
struct PeerComparison {
  struct Server {
    var name: String
    var start: () throws -> ServerProcess
  }

  let servers: [Server]
  /// The App request as a gRPC message (5-byte prefix and the protobuf bytes), h2load's request body.
  let requestFile: String

  struct Run {
    var name: String
    var connections: Int
    var streams: Int
    var requests: Int
  }

  /// The issue's two runs: one call at a time, and 4 connections with 16 calls in flight on each.
  static let runs = [
    Run(name: "sequential call, mean (h2load -c1 -m1)", connections: 1, streams: 1, requests: 20_000),
    Run(name: "throughput, 4 connections x 16 streams", connections: 4, streams: 16, requests: 100_000),
  ]

  struct Figures {
    var latency: [Duration] = []
    var throughput: [Double] = []
    var residentBytes = 0
    var anonymousBytes = 0
    /// Bytes of HTTP/2 DATA per answer: the gRPC message and its 5-byte prefix.
    var answerBytes = 0
    var cpuPerCall: [Duration] = []
  }

  /// Each server's figures, in the order of `servers`.
  func measure(rounds: Int = 3) throws -> [Figures] {
    let processes = try servers.map { try $0.start() }
    defer { for process in processes { process.stop() } }
    var figures = [Figures](repeating: Figures(), count: processes.count)
    for server in processes { try H2Load.waitForAnswer(port: server.port, body: requestFile) }
    for round in 0..<rounds {
      for run in Self.runs {
        // Each server goes first in turn.
        let order = processes.indices.map { ($0 + round) % processes.count }
        for index in order {
          let server = processes[index]
          let cpuBefore = server.cpuTime()
          let result = try H2Load.run(port: server.port, run: run, body: requestFile)
          let cpuPerCall = (server.cpuTime() - cpuBefore) / run.requests
          figures[index].answerBytes = result.answerBytes
          if run.streams == 1 {
            figures[index].latency.append(result.meanLatency)
          } else {
            figures[index].throughput.append(result.perSecond)
            figures[index].cpuPerCall.append(cpuPerCall)
          }
        }
      }
    }
    for (index, process) in processes.enumerated() {
      figures[index].residentBytes = process.residentBytes()
      figures[index].anonymousBytes = process.residentBytes("RssAnon")
    }
    return figures
  }

  /// The figures as rows: each server's, then ours / each peer's.
  static func rows(_ figures: [Figures]) -> [(name: String, values: [String], ratios: [String])] {
    func median<T: Comparable>(_ values: [T]) -> T { values.sorted()[values.count / 2] }
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    func row(_ name: String, _ value: (Figures) -> Double, _ text: (Double) -> String) -> (String, [String], [String]) {
      let values = figures.map(value)
      return (name, values.map(text), values.dropFirst().map { ratio(values[0] / $0) })
    }
    return [
      row(runs[0].name, { seconds(median($0.latency)) }, { Measure.format(.nanoseconds(Int64($0 * 1e9))) }),
      row(runs[1].name, { median($0.throughput) }, { "\(Int($0))/s" }),
      row(
        "server CPU per call in the throughput run", { seconds(median($0.cpuPerCall)) }, { Measure.format(.nanoseconds(Int64($0 * 1e9))) }),
      row("resident memory after the runs", { Double($0.residentBytes) }, { Measure.megabytes(Int($0)) }),
      row("  of which anonymous (heap, stacks)", { Double($0.anonymousBytes) }, { Measure.megabytes(Int($0)) }),
      row("answer size", { Double($0.answerBytes) }, { "\(Int($0)) B" }),
    ]
  }

  static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// nghttp2's HTTP/2 load generator, posting one gRPC request body over and over.
enum H2Load {
  struct Result {
    var meanLatency: Duration
    var perSecond: Double
    var answerBytes: Int
  }

  static let path = "/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction"

  static func run(port: Int, run: PeerComparison.Run, body: String) throws -> Result {
    let output = try h2load([
      "-n", "\(run.requests)", "-c", "\(run.connections)", "-m", "\(run.streams)", "-d", body,
      "-H", "content-type: application/grpc", "-H", "te: trailers", "http://127.0.0.1:\(port)\(path)",
    ])
    return try parse(output, requests: run.requests)
  }

  /// Until the server answers one call (it has just been started).
  static func waitForAnswer(port: Int, body: String) throws {
    for _ in 0..<500 {
      if let output = try? h2load(["-n", "1", "-d", body, "-H", "content-type: application/grpc", "http://127.0.0.1:\(port)\(path)"]),
        output.contains("1 succeeded")
      {
        return
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    throw H2LoadError(description: "the server on port \(port) never answered h2load")
  }

  /// Every request succeeded (HTTP 200: the gRPC status is checked once, with the Swift client), and
  /// the mean of "time for request" and the rate of "finished in".
  static func parse(_ output: String, requests: Int) throws -> Result {
    let lines = output.split(separator: "\n")
    guard lines.contains(where: { $0.contains("\(requests) succeeded, 0 failed, 0 errored") }) else {
      throw H2LoadError(description: "h2load reports failures:\n\(output)")
    }
    guard let finished = lines.first(where: { $0.hasPrefix("finished in") }),
      let rate = finished.split(separator: ",").dropFirst().first?.split(separator: " ").first.flatMap({ Double($0) }),
      let timing = lines.first(where: { $0.hasPrefix("time for request:") })?.split(separator: " ").dropFirst(3),
      timing.count >= 3, let mean = duration(String(timing[timing.startIndex + 2])),
      // traffic: 541.14MB (567423868) total, 195.36KB (200048) headers (...), 538.25MB (564400000) data
      let traffic = lines.first(where: { $0.hasPrefix("traffic:") }), let data = traffic.split(separator: ",").last,
      let bytes = data.split(separator: "(").last?.split(separator: ")").first.flatMap({ Int($0) })
    else { throw H2LoadError(description: "unexpected h2load output:\n\(output)") }
    return Result(meanLatency: mean, perSecond: rate, answerBytes: bytes / requests)
  }

  /// `790us`, `1.20ms`, `2.5s`.
  static func duration(_ text: String) -> Duration? {
    for (unit, scale) in [("us", 1e3), ("ms", 1e6), ("s", 1e9)] where text.hasSuffix(unit) {
      guard let value = Double(text.dropLast(unit.count)) else { return nil }
      return .nanoseconds(Int64(value * scale))
    }
    return nil
  }

  static func h2load(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["h2load"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["LD_PRELOAD"] = nil  // the malloc interposer is for the in-process figures only
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw H2LoadError(
        description:
          "h2load \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(String(decoding: output, as: UTF8.self))")
    }
    return String(decoding: output, as: UTF8.self)
  }
}

struct H2LoadError: Error, CustomStringConvertible {
  var description: String
}
