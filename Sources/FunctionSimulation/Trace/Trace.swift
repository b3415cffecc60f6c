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

  /// A problem with a trace file: the line (1-based) and what is wrong with it.
  public struct Problem: Error, CustomStringConvertible, Equatable {
    public var line: Int?
    public var message: String
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
  }
}
