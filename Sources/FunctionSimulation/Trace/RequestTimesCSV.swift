/// A trace of single requests, one per line after a header line: the first column the arrival time
/// (seconds from the start, or an RFC 3339 timestamp such as `2024-01-01T08:00:00.250Z`), an optional
/// second column the request's service time in seconds. What an access log reduces to with one `awk`.
public enum RequestTimesCSV {
  public static func parse(_ text: String) throws(Trace.Problem) -> Trace {
    var arrivals: [Double] = []
    var serviceTimes: [Double] = []
    var timestamps: Bool?
    var lineNumber = 0
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      var fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self).trimmingWhitespace()
      }
      if lineNumber == 1 { continue }  // the header
      if fields.allSatisfy(\.isEmpty) { continue }
      while fields.count < 2 { fields.append("") }
      let time: Double
      if let seconds = Double(fields[0]), seconds.isFinite {
        guard timestamps != true else {
          throw Trace.Problem(line: lineNumber, message: "\"\(fields[0])\" is seconds, but earlier lines are RFC 3339 timestamps")
        }
        timestamps = false
        guard seconds >= 0 else { throw Trace.Problem(line: lineNumber, message: "a negative time (\(fields[0]))") }
        time = seconds
      } else if let epoch = RFC3339Time.epochSeconds(fields[0]) {
        guard timestamps != false else {
          throw Trace.Problem(line: lineNumber, message: "\"\(fields[0])\" is a timestamp, but earlier lines are seconds")
        }
        timestamps = true
        time = epoch
      } else {
        throw Trace.Problem(
          line: lineNumber,
          message: "\"\(fields[0])\" is neither seconds from the start (e.g. 12.5) nor an RFC 3339 time (e.g. 2024-01-01T08:00:00Z)")
      }
      arrivals.append(time)
      if !fields[1].isEmpty {
        guard let service = Double(fields[1]), service.isFinite, service >= 0 else {
          throw Trace.Problem(line: lineNumber, message: "the service time \"\(fields[1])\" is not a number of seconds")
        }
        guard serviceTimes.count == arrivals.count - 1 else {
          throw Trace.Problem(line: lineNumber, message: "a service time here but not on every line before it")
        }
        serviceTimes.append(service)
      } else if !serviceTimes.isEmpty {
        throw Trace.Problem(line: lineNumber, message: "no service time, but earlier lines have one")
      }
    }
    guard !arrivals.isEmpty else { throw Trace.Problem(line: nil, message: "no requests after the header line") }
    // Timestamps are kept as they are until the earliest is known, so an unsorted log works too.
    var start: Double?
    if timestamps == true {
      let earliest = arrivals.min() ?? 0
      start = earliest
      for index in arrivals.indices { arrivals[index] -= earliest }
    }
    let sorted = sortedByArrival(arrivals, serviceTimes.isEmpty ? nil : serviceTimes)
    return Trace(arrivals: sorted.arrivals, serviceTimes: sorted.serviceTimes, startEpochSeconds: start)
  }

  /// Arrivals in ascending order, each service time kept with its request.
  static func sortedByArrival(_ arrivals: [Double], _ serviceTimes: [Double]?) -> (arrivals: [Double], serviceTimes: [Double]?) {
    if zip(arrivals, arrivals.dropFirst()).allSatisfy({ $0 <= $1 }) { return (arrivals, serviceTimes) }
    let order = arrivals.indices.sorted { arrivals[$0] < arrivals[$1] }
    return (order.map { arrivals[$0] }, serviceTimes.map { times in order.map { times[$0] } })
  }
}

extension String {
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}

/// RFC 3339 date-times (`2024-01-01T08:00:00Z`, `2024-01-01 08:00:00.5+01:00`) as seconds since
/// 1970, without Foundation's formatters (a million lines must parse in well under a second).
public enum RFC3339Time {
  public static func epochSeconds(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[range] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    var fraction = 0.0
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      var scale = 0.1
      let digitsStart = index
      while index < bytes.count, (48...57).contains(bytes[index]) {
        fraction += Double(bytes[index] - 48) * scale
        scale /= 10
        index += 1
      }
      guard index > digitsStart else { return nil }
    }
    guard index < bytes.count else { return nil }
    var offset = 0
    switch bytes[index] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      guard index + 1 == bytes.count else { return nil }
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
        let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60
      else { return nil }
      offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
    default: return nil
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
