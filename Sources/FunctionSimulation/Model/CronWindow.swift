import Foundation
import ServerlessComposition

/// A KEDA cron trigger: inside its window it asks for `replicas` (and is active, so it also wakes the
/// app from zero). KEDA's cron scaler (v2.19.0 `pkg/scalers/cron_scaler.go`) is inside the window when
/// the next `end` comes before the next `start`, both found with robfig/cron's 5-field parser in
/// `timezone`: the window is [start, end), minute by minute.
public struct CronWindow: Sendable, Equatable {
  public var start: CronExpression
  public var end: CronExpression
  public var timezone: String
  public var replicas: Int

  init?(_ metadata: Value) {
    guard let start = metadata["start"]?.stringValue.flatMap(CronExpression.init),
      let end = metadata["end"]?.stringValue.flatMap(CronExpression.init),
      let replicas = metadata["desiredReplicas"]?.stringValue.flatMap(Int.init)
    else { return nil }
    self.init(start: start, end: end, timezone: metadata["timezone"]?.stringValue ?? "Etc/UTC", replicas: replicas)
  }

  public init(start: CronExpression, end: CronExpression, timezone: String, replicas: Int) {
    self.start = start
    self.end = end
    self.timezone = timezone
    self.replicas = replicas
  }

  /// How far KEDA's "next start" and "next end" are looked for beyond the trace: a year covers a
  /// yearly schedule.
  static let lookaheadMinutes = 366 * 24 * 60

  /// For each minute from `startEpochSeconds` (rounded down to a minute) on, whether the window is
  /// open: KEDA's test at any time within that minute, whose next start and next end are the first
  /// matching minutes after it (robfig/cron's `Next` is strictly later). Open unless the next start
  /// comes before the next end. Nil for a time zone Go would not load (KEDA's scaler errors).
  public func openMinutes(startEpochSeconds: Double, minutes: Int) -> [Bool]? {
    guard let zone = TimeZone(identifier: timezone) else { return nil }
    let firstMinute = Int((startEpochSeconds / 60).rounded(.down))
    var open = [Bool](repeating: false, count: minutes)
    var nextStart = Int.max
    var nextEnd = Int.max
    var offset = 0
    for index in stride(from: minutes + Self.lookaheadMinutes, through: 1, by: -1) {
      let epoch = (firstMinute + index) * 60
      // Zones change their offset on quarter hours at the finest: one look-up per quarter hour,
      // at its last minute (the first the backward scan meets).
      if (firstMinute + index) % 15 == 14 || index == minutes + Self.lookaheadMinutes {  // after 1970: non-negative
        offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(epoch)))
      }
      let local = LocalTime(epochSeconds: epoch + offset)
      if start.matches(local) { nextStart = index }
      if end.matches(local) { nextEnd = index }
      // Minute index - 1's next matches are the ones at index or later.
      // Neither found within the look-ahead: KEDA's robfig finds them further away, or never: closed.
      if index - 1 < minutes { open[index - 1] = !(nextStart < nextEnd) && nextEnd != Int.max }
    }
    return open
  }
}

/// A wall-clock minute in a time zone.
struct LocalTime {
  var minute: Int
  var hour: Int
  var day: Int
  var month: Int
  var weekday: Int  // 0 = Sunday

  init(epochSeconds: Int) {
    let days = Int((Double(epochSeconds) / 86_400).rounded(.down))
    let seconds = epochSeconds - days * 86_400
    minute = (seconds / 60) % 60
    hour = seconds / 3600
    weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  }
}

/// robfig/cron's standard 5-field expression (minute hour day-of-month month day-of-week), as KEDA
/// parses it: lists, ranges, steps, `*` and `?`, month and weekday names; when day of month or day of
/// week is `*` or `?`, both must match, otherwise either (robfig/cron v3 `spec.go` `dayMatches`).
public struct CronExpression: Sendable, Equatable {
  var minutes: Set<Int>
  var hours: Set<Int>
  var days: Set<Int>
  var months: Set<Int>
  var weekdays: Set<Int>
  var dayIsStar: Bool
  var weekdayIsStar: Bool

  public init?(_ text: String) {
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 5,
      let minutes = Self.field(parts[0], 0...59, []), let hours = Self.field(parts[1], 0...23, []),
      let days = Self.field(parts[2], 1...31, []),
      let months = Self.field(parts[3], 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
      let weekdays = Self.field(parts[4], 0...6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])
    else { return nil }
    self.minutes = minutes
    self.hours = hours
    self.days = days
    self.months = months
    self.weekdays = weekdays
    dayIsStar = Self.hasStar(parts[2])
    weekdayIsStar = Self.hasStar(parts[4])
  }

  func matches(_ time: LocalTime) -> Bool {
    guard minutes.contains(time.minute), hours.contains(time.hour), months.contains(time.month) else { return false }
    let day = days.contains(time.day)
    let weekday = weekdays.contains(time.weekday)
    return dayIsStar || weekdayIsStar ? day && weekday : day || weekday
  }

  /// robfig/cron `getRange`: an item `*` or `?` without a step above 1 sets the field's star bit.
  static func hasStar(_ text: Substring) -> Bool {
    text.split(separator: ",", omittingEmptySubsequences: false).contains { item in
      let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
      return (pieces[0] == "*" || pieces[0] == "?") && (pieces.count == 1 || (Int(pieces[1]) ?? 0) <= 1)
    }
  }

  private static func field(_ text: Substring, _ range: ClosedRange<Int>, _ names: [String]) -> Set<Int>? {
    func value(_ token: Substring) -> Int? {
      if let number = Int(token) { return range.contains(number) ? number : nil }
      return names.firstIndex(of: token.uppercased()).map { $0 + range.lowerBound }
    }
    var result = Set<Int>()
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
      guard (1...2).contains(pieces.count) else { return nil }
      let step = pieces.count == 2 ? Int(pieces[1]) : 1
      guard let step, step >= 1 else { return nil }
      var low = range.lowerBound
      var high = range.upperBound
      if pieces[0] != "*" && pieces[0] != "?" {
        let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count), let first = value(bounds[0]) else { return nil }
        low = first
        // robfig: `5/10` runs from 5 to the end of the range.
        high = bounds.count == 2 ? (value(bounds[1]) ?? -1) : (pieces.count == 2 ? range.upperBound : first)
        guard low <= high else { return nil }
      }
      result.formUnion(stride(from: low, through: high, by: step))
    }
    return result
  }
}
