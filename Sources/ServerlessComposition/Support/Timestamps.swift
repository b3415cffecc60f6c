import Foundation

/// RFC 3339 timestamps as Kubernetes writes them (`2026-11-30T01:00:00Z`), for status fields computed
/// from observed times. Pure: no clock is read.
enum Timestamps {
  /// `timestamp` plus `seconds`, written as Kubernetes writes times (UTC, whole seconds); nil when
  /// `timestamp` is not RFC 3339.
  static func adding(seconds: Int, to timestamp: String) -> String? {
    let reader = ISO8601DateFormatter()
    reader.formatOptions = [.withInternetDateTime]
    let withFraction = ISO8601DateFormatter()
    withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    guard let date = reader.date(from: timestamp) ?? withFraction.date(from: timestamp) else { return nil }
    let writer = ISO8601DateFormatter()
    writer.formatOptions = [.withInternetDateTime]
    writer.timeZone = TimeZone(identifier: "UTC")
    return writer.string(from: date.addingTimeInterval(TimeInterval(seconds)))
  }
}
