/// What a simulated run measured (`--output json` prints it; docs/simulate.md documents each field).
public struct SimulationOutcome: Sendable, Equatable, Codable {
  public var durationSeconds: Double
  public var requests: Int
  /// Requests that found no ready pod and waited for one (at the interceptor).
  public var coldStarts: Int
  /// `coldStarts / requests`.
  public var coldStartFraction: Double
  /// Times KEDA scaled the app from zero.
  public var wakes: Int
  /// Requests that got no answer from the app, and why.
  public var lost: Int
  public var lostBy: [String: Int]
  /// Requests the fallback Service answered while the app woke.
  public var fallback: Int
  /// Added wait over every request (most wait nothing), seconds.
  public var waitSeconds: Percentiles
  /// Added wait over the cold-start requests only, seconds.
  public var coldStartWaitSeconds: Percentiles
  public var timeAtZeroSeconds: Double
  /// Pods existing (starting or ready) over time: what the nodes are paid for.
  public var podSeconds: Double
  /// The same App and trace with `minReplicas: 1`.
  public var alwaysOnPodSeconds: Double?
  /// `1 - podSeconds / alwaysOnPodSeconds`.
  public var saving: Double?

  public struct Percentiles: Sendable, Equatable, Codable {
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double
  }

  /// Replicas over time, for the plot: (time, replicas KEDA/the HPA set, ready pods).
  public var timeline: [TimelinePoint] = []
  /// When each cold start happened (request arrival times), for the plot.
  public var coldStartTimes: [Double] = []

  public struct TimelinePoint: Sendable, Equatable {
    public var time: Double
    public var replicas: Int
    public var ready: Int
  }

  enum CodingKeys: String, CodingKey {
    case durationSeconds, requests, coldStarts, coldStartFraction, wakes, lost, lostBy, fallback, waitSeconds,
      coldStartWaitSeconds, timeAtZeroSeconds, podSeconds, alwaysOnPodSeconds, saving
  }

  /// Adds the always-on run's pod-seconds and the saving against it.
  public mutating func compare(alwaysOn: SimulationOutcome) {
    alwaysOnPodSeconds = alwaysOn.podSeconds
    saving = alwaysOn.podSeconds > 0 ? 1 - podSeconds / alwaysOn.podSeconds : nil
  }
}

/// Counts and integrals as the run goes.
struct SimulationRecord {
  let requests: Int
  var coldStarts = 0
  var wakes = 0
  var lostBy: [LossReason: Int] = [:]
  var fallback = 0
  /// Waits of the requests that waited, in the order they were settled.
  var waits: [Double] = []
  var coldStartTimes: [Double] = []
  var podSeconds = 0.0
  var timeAtZero = 0.0
  var clock = 0.0
  var timeline: [SimulationOutcome.TimelinePoint] = []

  init(requests: Int) { self.requests = requests }

  mutating func advance(to time: Double, pods: Int, atZero: Bool) {
    guard time > clock else { return }
    podSeconds += Double(pods) * (time - clock)
    if atZero { timeAtZero += time - clock }
    clock = time
  }

  mutating func coldStart(at time: Double) {
    coldStarts += 1
    coldStartTimes.append(time)
  }

  mutating func wake() { wakes += 1 }

  mutating func served(waited: Double) {
    if waited > 0 { waits.append(waited) }
  }

  mutating func lost(_ reason: LossReason, waited: Double) {
    lostBy[reason, default: 0] += 1
    if waited > 0 { waits.append(waited) }
  }

  mutating func fallback(waited: Double) {
    fallback += 1
    waits.append(waited)
  }

  mutating func replicasChanged(at time: Double, replicas: Int, ready: Int) {
    if let last = timeline.last, last.replicas == replicas, last.ready == ready { return }
    timeline.append(.init(time: time, replicas: replicas, ready: ready))
  }

  func outcome(duration: Double) -> SimulationOutcome {
    let sorted = waits.sorted()
    /// Nearest rank over `total` values of which all but `sorted` are zero.
    func percentiles(total: Int) -> SimulationOutcome.Percentiles {
      func rank(_ p: Double) -> Double {
        guard total > 0 else { return 0 }
        let k = max(Int((p * Double(total)).rounded(.up)), 1)
        let zeros = total - sorted.count
        return k <= zeros ? 0 : sorted[k - zeros - 1]
      }
      return .init(p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted.last ?? 0)
    }
    let lost = lostBy.values.reduce(0, +)
    var outcome = SimulationOutcome(
      durationSeconds: duration, requests: requests, coldStarts: coldStarts,
      coldStartFraction: requests > 0 ? Double(coldStarts) / Double(requests) : 0, wakes: wakes, lost: lost,
      lostBy: Dictionary(uniqueKeysWithValues: LossReason.allCases.map { ($0.rawValue, lostBy[$0] ?? 0) }), fallback: fallback,
      waitSeconds: percentiles(total: requests), coldStartWaitSeconds: percentiles(total: sorted.count),
      timeAtZeroSeconds: timeAtZero, podSeconds: podSeconds)
    outcome.timeline = timeline
    outcome.coldStartTimes = coldStartTimes
    return outcome
  }
}
