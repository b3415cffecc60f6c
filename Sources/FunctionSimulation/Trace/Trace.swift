/// The requests to replay: when each arrives (seconds from the trace's start, in order) and how long
/// the app takes to answer it once it reaches a ready pod.
public struct Trace: Sendable, Equatable {
  /// Arrival times in seconds from the start, ascending.
  public var arrivals: [Double]
  /// Each request's service time in seconds; nil when the trace has none (the default applies).
  public var serviceTimes: [Double]?
  /// The wall-clock time of second 0 as seconds since 1970 (UTC), when the trace names one; cron
  /// windows are placed against it.
  public var startEpochSeconds: Double?
  /// The trace's length in seconds: at least its last arrival (a per-minute trace covers whole minutes).
  public var duration: Double

  public init(arrivals: [Double], serviceTimes: [Double]? = nil, startEpochSeconds: Double? = nil, duration: Double? = nil) {
    self.arrivals = arrivals
    self.serviceTimes = serviceTimes
    self.startEpochSeconds = startEpochSeconds
    self.duration = max(duration ?? 0, arrivals.last ?? 0)
  }

  /// The longest trace replayed: a year.
  public static let longestSeconds = 366.0 * 86_400

  /// Refuses a trace longer than a year: most likely Unix times written as seconds from the start.
  public func checkSpan() throws(Problem) {
    guard duration <= Self.longestSeconds else {
      throw Problem(
        line: nil,
        message:
          "the trace spans \(TextReport.format(duration / 86_400, digits: 0)) days, more than a year; seconds count from the trace's start "
          + "(write Unix times as RFC 3339, e.g. 2024-01-01T08:00:00Z)")
    }
  }

  /// A problem with a trace file: the line (1-based) and what is wrong with it.
  public struct Problem: Error, CustomStringConvertible, Equatable {
    public var line: Int?
    public var message: String
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
  }
}
