import Foundation
import FunctionRuntime

/// Our server and the grpc-go peer (`../shared/tools/gopeer`, a minimal function server on grpc-go,
/// the stack of function-sdk-go) driven by the same client, h2load, with the same request: the runs
/// alternate between the two servers, each figure is the median of three, and the table ends with
/// ours / grpc-go.
struct PeerComparison {
  let ours: String
  let peer: String
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

  func measure(rounds: Int = 3) throws -> (ours: Figures, peer: Figures) {
    let oursProcess = try ServerProcess(binary: ours, flags: ["--insecure"])
    defer { oursProcess.stop() }
    let peerProcess = try ServerProcess(binary: peer, arguments: { ["-addr", "127.0.0.1:\($0)"] })
    defer { peerProcess.stop() }
    var figures = (ours: Figures(), peer: Figures())
    for server in [oursProcess, peerProcess] { try H2Load.waitForAnswer(port: server.port, body: requestFile) }
    for round in 0..<rounds {
      for run in Self.runs {
        // Each server goes first in every other round.
        let order = round % 2 == 0 ? [(0, oursProcess), (1, peerProcess)] : [(1, peerProcess), (0, oursProcess)]
        for (index, server) in order {
          let cpuBefore = server.cpuTime()
          let result = try H2Load.run(port: server.port, run: run, body: requestFile)
          let cpuPerCall = (server.cpuTime() - cpuBefore) / run.requests
          if index == 0 { figures.ours.answerBytes = result.answerBytes } else { figures.peer.answerBytes = result.answerBytes }
          if run.streams == 1 {
            if index == 0 { figures.ours.latency.append(result.meanLatency) } else { figures.peer.latency.append(result.meanLatency) }
          } else if index == 0 {
            figures.ours.throughput.append(result.perSecond)
            figures.ours.cpuPerCall.append(cpuPerCall)
          } else {
            figures.peer.throughput.append(result.perSecond)
            figures.peer.cpuPerCall.append(cpuPerCall)
          }
        }
      }
    }
    figures.ours.residentBytes = oursProcess.residentBytes()
    figures.ours.anonymousBytes = oursProcess.residentBytes("RssAnon")
    figures.peer.residentBytes = peerProcess.residentBytes()
    figures.peer.anonymousBytes = peerProcess.residentBytes("RssAnon")
    return figures
  }

  /// The figures as rows: ours, grpc-go, ours/grpc-go.
  static func rows(_ figures: (ours: Figures, peer: Figures)) -> [(String, String, String, String)] {
    func median<T: Comparable>(_ values: [T]) -> T { values.sorted()[values.count / 2] }
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let latency = (median(figures.ours.latency), median(figures.peer.latency))
    let throughput = (median(figures.ours.throughput), median(figures.peer.throughput))
    let cpu = (median(figures.ours.cpuPerCall), median(figures.peer.cpuPerCall))
    let memory = (figures.ours.residentBytes, figures.peer.residentBytes)
    let anonymous = (figures.ours.anonymousBytes, figures.peer.anonymousBytes)
    return [
      (runs[0].name, Measure.format(latency.0), Measure.format(latency.1), ratio(seconds(latency.0) / seconds(latency.1))),
      (
        runs[1].name, "\(Int(throughput.0))/s", "\(Int(throughput.1))/s", ratio(throughput.0 / throughput.1)
      ),
      ("server CPU per call in the throughput run", Measure.format(cpu.0), Measure.format(cpu.1), ratio(seconds(cpu.0) / seconds(cpu.1))),
      (
        "resident memory after the runs", Measure.megabytes(memory.0), Measure.megabytes(memory.1),
        ratio(Double(memory.0) / Double(memory.1))
      ),
      (
        "  of which anonymous (heap, stacks)", Measure.megabytes(anonymous.0), Measure.megabytes(anonymous.1),
        ratio(Double(anonymous.0) / Double(anonymous.1))
      ),
      (
        "answer size (the peer answers six fixed Objects)", "\(figures.ours.answerBytes) B", "\(figures.peer.answerBytes) B",
        ratio(Double(figures.ours.answerBytes) / Double(figures.peer.answerBytes))
      ),
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
