/// Per-minute invocation counts in the layout of the public Azure Functions 2019 trace (Shahrad et
/// al., "Serverless in the Wild", USENIX ATC 2020; `invocations_per_function_md.anon.dNN.csv` of
/// github.com/Azure/AzurePublicDataset): a header `HashOwner,HashApp,HashFunction,Trigger,1,...,1440`,
/// then one line per function with its count for each minute of the day.
///
/// An App is one deployable unit, as an Azure application is: the functions of the selected
/// application are added up. Each day file follows the one before it. Within a minute, the requests
/// are spread uniformly at random (given the count, that is where a Poisson process puts them),
/// from a seeded generator, so one seed always gives one trace.
public enum AzureFunctionsTrace {
  public static let keyColumns = ["HashOwner", "HashApp", "HashFunction", "Trigger"]

  /// True when `header` (a file's first line) is this layout's.
  public static func recognises(header: Substring) -> Bool {
    let header = header.hasPrefix("\u{FEFF}") ? header.dropFirst() : header
    return header.split(separator: ",").prefix(4).map { $0.trimmingCharacters() } == keyColumns
  }

  /// One day file's per-minute totals for the application (or function) whose hash starts with
  /// `select`; without `select`, the file must hold a single application.
  public static func minuteCounts(_ text: String, select: String?) throws(Trace.Problem) -> [Int] {
    var lines = text.split(whereSeparator: \.isNewline)[...]
    guard let header = lines.popFirst(), recognises(header: header) else {
      throw Trace.Problem(line: 1, message: "expected the header \(keyColumns.joined(separator: ",")),1,...,1440")
    }
    let minutes = header.split(separator: ",").count - keyColumns.count
    guard minutes > 0 else { throw Trace.Problem(line: 1, message: "the header names no minute columns") }
    var totals = [Int](repeating: 0, count: minutes)
    var applications: [Substring: Int] = [:]
    var matched = 0
    for (offset, line) in lines.enumerated() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == keyColumns.count + minutes else {
        throw Trace.Problem(
          line: offset + 2, message: "\(fields.count) columns where the header has \(keyColumns.count + minutes)")
      }
      let application = fields[1]
      var counts: [Int] = []
      counts.reserveCapacity(minutes)
      for field in fields.dropFirst(keyColumns.count) {
        guard let count = Int(field.trimmingCharacters()), count >= 0, count <= mostRequests else {
          throw Trace.Problem(line: offset + 2, message: "\"\(field)\" is not a count of invocations")
        }
        counts.append(count)
      }
      applications[application, default: 0] += counts.reduce(0, +)
      if let select, !(application.hasPrefix(select) || fields[2].hasPrefix(select)) { continue }
      matched += 1
      for index in counts.indices { totals[index] += counts[index] }
    }
    if select == nil, applications.count > 1 {
      let busiest = applications.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
        .map { "\($0.key) (\($0.value) invocations)" }
      throw Trace.Problem(
        line: nil,
        message: "the trace holds \(applications.count) applications; pick one with --trace-app HASH (a prefix of HashApp "
          + "or HashFunction), e.g. the busiest: \(busiest.joined(separator: ", "))")
    }
    if matched == 0 {
      throw Trace.Problem(line: nil, message: "no line's HashApp or HashFunction starts with \"\(select ?? "")\"")
    }
    return totals
  }

  /// The most requests replayed from per-minute counts.
  public static let mostRequests = 100_000_000

  /// The days' minute counts, one after the other, as request times.
  public static func trace(days: [[Int]], seed: UInt64) throws(Trace.Problem) -> Trace {
    var total = 0
    for count in days.joined() {
      total = total.addingReportingOverflow(count).partialValue
      guard total <= mostRequests, total >= 0 else {
        throw Trace.Problem(line: nil, message: "more than \(mostRequests) requests in the selected application's counts")
      }
    }
    var generator = SplitMix64(seed: seed)
    var arrivals: [Double] = []
    arrivals.reserveCapacity(total)
    var minute = 0
    for day in days {
      for count in day {
        let start = Double(minute) * 60
        var times = (0..<count).map { _ in start + generator.nextUnit() * 60 }
        times.sort()
        arrivals += times
        minute += 1
      }
    }
    return Trace(arrivals: arrivals, duration: Double(minute) * 60)
  }
}

extension Substring {
  func trimmingCharacters() -> String { String(self).trimmingWhitespace() }
}

/// A small seeded generator (Steele, Lea and Flood's SplitMix64): every run with one seed draws the
/// same numbers, on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1), 53 bits.
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
