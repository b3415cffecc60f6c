import ArgumentParser
import Foundation
import FunctionRender
import FunctionRuntime
import GoldenCases
import ServerlessComposition
import SwiftProtobuf

/// Hostile input, generated: every golden XR, mutated field by field (each field given every wrong
/// JSON type, removed, emptied, made huge, deeply nested, unicode, 1e308, -0, 2^53+1), and raw request
/// bytes flipped, cut and spliced. Each input goes through what the server does with a request: its
/// decoding (checked against swift-protobuf's), then the runner. It must not crash; a Fatal result
/// must name a field; the same request must get the same answer. `scripts/fuzz.sh` runs a million;
/// CI a short fixed-seed run.
@main
struct Fuzz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "function-serverless-fuzz", abstract: "Fuzz the RunFunction path with mutated XRs and request bytes.")

  @Option(help: "Inputs to try.")
  var count = 1_000_000

  @Option(help: "Seed of the random generator; the same seed tries the same inputs.")
  var seed: UInt64 = 1

  @Option(help: "The repository root (the golden XRs are the starting points).")
  var root = "."

  func run() throws {
    let seeds = try Self.seedRequests(root: root)
    var random = SplitMix64(seed: seed)
    let runner = FunctionRunner()
    var tally = Tally()
    let started = ContinuousClock.now

    for index in 0..<count {
      var base = seeds[Int(random.next() % UInt64(seeds.count))]
      let bytes: [UInt8]
      if random.next() % 10 == 0 {
        bytes = Mutator.mutateBytes(try base.serializedBytes(options: Self.replayable), &random)
      } else {
        var xr = Value(base.observed.composite.resource)
        for _ in 0..<(1 + random.next() % 3) { Mutator.mutateField(&xr, &random) }
        base.observed.composite.resource = xr.protoStruct
        bytes = try base.serializedBytes()
      }
      // As the server: bytes off the wire are decoded first, the observed state straight into the
      // value model, which must read what swift-protobuf reads and refuse what it refuses.
      let decoded = try? RequestDecoding.decode(bytes)
      guard let request = try? RunFunctionRequest(serializedBytes: bytes) else {
        if decoded != nil { tally.fail("the server decoded a request protobuf refuses", RunFunctionRequest()) }
        tally.undecodable += 1
        continue
      }
      var withoutObserved = request
      withoutObserved.clearObserved()
      guard let decoded, Self.sameBytes(decoded.observed, FunctionRequest(request).observed),
        Self.sameBytes(decoded.message, request) || Self.sameBytes(decoded.message, withoutObserved)
      else {
        tally.fail("the server's decoding differs from swift-protobuf's", request)
        continue
      }
      let (response, _) = runner.run(request)
      let fatal = response.results.filter { $0.severity == .fatal }
      if let message = fatal.first?.message {
        tally.fatal += 1
        if !Self.namesAField(message) { tally.fail("Fatal without a field path: \(message)", request) }
        if fatal.count > 1 { tally.fail("\(fatal.count) Fatal results", request) }
      } else {
        tally.composed += 1
      }
      if index % 64 == 0 {
        if runner.run(request).0 != response { tally.fail("two answers to one request", request) }
        // Our Struct encoding decodes to the same message, and the server's answer (composed
        // resources written straight from the value model) is those very bytes.
        let encoded = try? ResponseEncoding.encode(response)
        if encoded.flatMap({ try? RunFunctionResponse(serializedBytes: $0) }) != response {
          tally.fail("the wire encoding changed the answer", request)
        }
        if (try? runner.answer(decoded).bytes) != encoded { tally.fail("the answer's bytes differ from the response's", request) }
      }
    }

    let elapsed = ContinuousClock.now - started
    print(
      "\(count) inputs (seed \(seed)) in \(elapsed): \(tally.composed) composed, \(tally.fatal) Fatal naming a field, "
        + "\(tally.undecodable) refused by protobuf decoding, \(tally.failures) failures, 0 crashes")
    if tally.failures > 0 { throw ExitCode.failure }
  }

  /// Equal by their encoding, so that a NaN a byte flip made equals itself.
  static func sameBytes(_ one: RunFunctionRequest, _ other: RunFunctionRequest) -> Bool {
    let ours: [UInt8]? = try? one.serializedBytes(options: replayable)
    return ours != nil && ours == (try? other.serializedBytes(options: replayable))
  }

  static func sameBytes(_ one: FunctionRequest.ObservedState, _ other: FunctionRequest.ObservedState) -> Bool {
    func message(_ observed: FunctionRequest.ObservedState) -> RunFunctionRequest {
      var request = RunFunctionRequest()
      request.observed.composite.resource = observed.composite.protoStruct
      for (name, resource) in observed.resources { request.observed.resources[name, default: .init()].resource = resource.protoStruct }
      return request
    }
    return sameBytes(message(one), message(other))
  }

  /// Map entries in key order, so that a seed mutates the same bytes in every process.
  static let replayable = {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    return options
  }()

  /// Every message says where: it starts with a field path (`spec.port: ...`, `metadata: ...`), or
  /// names the fields to set (`the cloud is not known: set spec.provider ...`).
  static func namesAField(_ message: String) -> Bool {
    let lines = message.split(separator: "\n")
    // Several problems: each listed one names its field. A line without the list's "- " continues a
    // quoted value that held a line break; "- and N more" counts the rest.
    if let first = lines.first, first.hasSuffix(" problems:") {
      return lines.dropFirst().allSatisfy { line in
        !line.hasPrefix("- ") || line.hasPrefix("- and ") || problemNamesAField(line.dropFirst(2))
      }
    }
    return problemNamesAField(Substring(message))
  }

  private static func problemNamesAField(_ problem: Substring) -> Bool {
    let pathCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-[]")
    if let colon = problem.range(of: ": "), !problem[..<colon.lowerBound].isEmpty,
      problem[..<colon.lowerBound].allSatisfy(pathCharacters.contains)
    {
      return true
    }
    return ["spec.", "metadata.", "input."].contains { problem.contains($0) }
  }

  /// A request per golden case, as a first pipeline step would get it.
  static func seedRequests(root: String) throws -> [RunFunctionRequest] {
    let golden = GoldenCase.folder(repositoryRoot: URL(fileURLWithPath: root))
    let requests = GoldenCase.all(in: golden).compactMap { golden -> RunFunctionRequest? in
      // Cases whose file is not YAML test render's errors; they give no request.
      guard let (xr, input) = golden.request else { return nil }
      var request = RunFunctionRequest()
      request.observed.composite.resource = xr.protoStruct
      if let input { request.input = input.protoStruct }
      return request
    }
    guard !requests.isEmpty else { throw ValidationError("no golden cases under \(golden.path): pass --root, the repository") }
    return requests
  }

}

struct Tally {
  var composed = 0
  var fatal = 0
  var undecodable = 0
  var failures = 0

  mutating func fail(_ what: String, _ request: RunFunctionRequest) {
    failures += 1
    if failures <= 5 {
      let xr = (try? request.observed.composite.resource.jsonString()) ?? "?"
      print("FAIL \(what)\n  XR: \(xr.prefix(2000))")
    }
  }
}

enum Mutator {
  /// Every kind of wrong value a field can hold.
  static func replacement(_ random: inout SplitMix64) -> Value? {
    switch random.next() % 18 {
    case 0: return nil  // removed
    case 1: return .null
    case 2: return .bool(random.next() % 2 == 0)
    case 3: return .number(0)
    case 4: return .number(-0.0)
    case 5: return .number(1e308)
    case 6: return .number(-1e308)
    case 7: return .number(8080.5)
    // 2^53+1 as Struct carries it: a double cannot hold it and rounds it to 2^53.
    case 8: return .number(9_007_199_254_740_992)
    case 9: return .number(Double(Int64(bitPattern: random.next()) % 100_000))
    case 10: return .string("")
    case 11: return .string(String(repeating: "x", count: 1 + Int(random.next() % 100_000)))
    case 12: return .string("ünïcödé-🌍-\u{202E}-\u{0}")
    case 13: return .string(["dev", "a-team", "aws", "google", "azure", "gateway-api", "ingress", "true", "80"][Int(random.next() % 9)])
    case 14: return .array([])
    case 15: return .object([:])
    case 16:
      var nested: Value = .string("deep")
      for _ in 0..<(1 + random.next() % 120) { nested = random.next() % 2 == 0 ? .array([nested]) : .object(["x": nested]) }
      return nested
    default: return .array([.string("dev"), .number(1), .null, .object([:])])
    }
  }

  /// Replaces or removes one field of the XR, anywhere below the top level.
  static func mutateField(_ xr: inout Value, _ random: inout SplitMix64) {
    var paths: [[String]] = []
    collect(xr, [], &paths)
    guard !paths.isEmpty else { return }
    let path = paths[Int(random.next() % UInt64(paths.count))]
    set(&xr, path[...], replacement(&random))
  }

  static func collect(_ value: Value, _ path: [String], _ paths: inout [[String]]) {
    if !path.isEmpty { paths.append(path) }
    switch value {
    // Sorted: dictionary order changes from process to process, and a seed must replay the same run.
    case .object(let fields): for key in fields.keys.sorted() { collect(fields[key]!, path + [key], &paths) }
    case .array(let items): for (index, child) in items.enumerated() { collect(child, path + ["#\(index)"], &paths) }
    default: break
    }
  }

  static func set(_ value: inout Value, _ path: ArraySlice<String>, _ replacement: Value?) {
    guard let key = path.first else { return }
    let rest = path.dropFirst()
    switch value {
    case .object(var fields):
      if rest.isEmpty {
        fields[key] = replacement
      } else if var child = fields[key] {
        set(&child, rest, replacement)
        fields[key] = child
      }
      value = .object(fields)
    case .array(var items):
      guard let index = Int(key.dropFirst()), items.indices.contains(index) else { return }
      if rest.isEmpty {
        if let replacement { items[index] = replacement } else { items.remove(at: index) }
      } else {
        set(&items[index], rest, replacement)
      }
      value = .array(items)
    default: break
    }
  }

  /// Raw bytes off a hostile wire: flipped, dropped, duplicated, cut short.
  static func mutateBytes(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var bytes = bytes
    for _ in 0..<(1 + random.next() % 8) where !bytes.isEmpty {
      let at = Int(random.next() % UInt64(bytes.count))
      switch random.next() % 4 {
      case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))
      case 1: bytes.remove(at: at)
      case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
      default: bytes.removeLast(Int(random.next() % UInt64(min(bytes.count, 64))))
      }
    }
    return bytes
  }
}

/// A small, fast generator whose sequence depends only on the seed (reproducible runs).
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
