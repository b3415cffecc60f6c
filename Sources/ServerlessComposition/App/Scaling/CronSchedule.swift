import Foundation

/// `spec.scaling.schedules[]`: a window in which the app holds at least `replicas`, a KEDA cron
/// trigger (robfig/cron's 5-field syntax and Go's time zone names, as KEDA's cron scaler reads them).
struct CronSchedule {
  var start: String
  var end: String
  var timezone: String
  var replicas: Int

  static func read(_ scaling: FieldReader) -> [CronSchedule] {
    let items = scaling.objectItems("schedules", of: "start, end, timezone and replicas") ?? []
    return items.compactMap { fields in
      let start = cron(fields, "start")
      let end = cron(fields, "end")
      let timezone = fields.string("timezone", default: "Etc/UTC")
      // A zone of the wrong type is recorded by the read; the default stands in.
      let zoneValid = fields.raw("timezone")?.stringValue == nil || isIANAZone(timezone)
      fields.require(
        zoneValid,
        .field(fields.fieldPath("timezone"), expected: "an IANA time zone name such as Europe/Berlin or Etc/UTC", got: .string(timezone)))
      let replicas = fields.int("replicas", min: 1)
      let replicasValid = fields.raw("replicas") == nil || replicas != nil
      if let start, let end {
        fields.require(
          start != end,
          UserError(
            "\(fields.fieldPath("end")): equals start (\(start)); a window needs different start and end times",
            path: fields.fieldPath("end")))
      }
      guard let start, let end, zoneValid, replicasValid else { return nil }
      return CronSchedule(start: start, end: end, timezone: timezone, replicas: replicas ?? 1)
    }
  }

  /// A name in the IANA time zone database, as Go's `time.LoadLocation` (KEDA's cron scaler) loads
  /// it: Foundation's known zones, `UTC` and the `Etc/` zones; not offsets such as `GMT+5` or `UTC+1`,
  /// which Foundation accepts and Go does not.
  static func isIANAZone(_ zone: String) -> Bool {
    zone == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(zone)
      || (zone.hasPrefix("Etc/") && TimeZone(identifier: zone) != nil)
  }

  /// Each field of a 5-field cron expression: its range and, for month and day of week, its names.
  private static let cronFields: [(name: String, range: ClosedRange<Int>, names: [String])] = [
    ("minute", 0...59, []), ("hour", 0...23, []), ("day of month", 1...31, []),
    ("month", 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
    ("day of week", 0...6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
  ]

  /// A 5-field cron expression (minute hour day-of-month month day-of-week), normalised to single spaces.
  private static func cron(_ fields: FieldReader, _ key: String) -> String? {
    let expected = "a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. \"0 8 * * 1-5\""
    let path = fields.fieldPath(key)
    guard let raw = fields.raw(key) else {
      fields.report(.field(path, expected: expected, got: nil, wantsString: true))
      return nil
    }
    guard let text = fields.string(key) else { return nil }
    let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard parts.count == 5 else {
      fields.report(.field(path, expected: expected, got: raw, wantsString: true))
      return nil
    }
    for (part, field) in zip(parts, cronFields) where !isCronField(part, range: field.range, names: field.names) {
      let names = field.names.first.flatMap { first in field.names.last.map { " or \(first)-\($0)" } } ?? ""
      fields.report(
        UserError(
          "\(path): \(UserError.quoted(part)) is not a valid \(field.name) in \(UserError.quoted(text)) "
            + "(\(field.range.lowerBound)-\(field.range.upperBound)\(names), *, lists a,b, ranges a-b and steps /n)", path: path))
      return nil
    }
    return parts.joined(separator: " ")
  }

  /// `*`, `?`, `5`, `1-5`, `*/15`, `1-30/5`, `MON-FRI`, and comma-separated lists of them.
  private static func isCronField(_ field: String, range: ClosedRange<Int>, names: [String]) -> Bool {
    func value(_ text: Substring) -> Int? {
      if let number = Int(text) { return range.contains(number) ? number : nil }
      return names.firstIndex(of: text.uppercased()).map { $0 + range.lowerBound }
    }
    return field.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
      let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
      guard (1...2).contains(pieces.count) else { return false }
      if pieces.count == 2, Int(pieces[1]).map({ $0 >= 1 }) != true { return false }
      let base = pieces[0]
      if base == "*" || base == "?" { return true }
      let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(bounds.count), let low = value(bounds[0]) else { return false }
      guard bounds.count == 2 else { return true }
      guard let high = value(bounds[1]) else { return false }
      return low <= high
    }
  }
}
