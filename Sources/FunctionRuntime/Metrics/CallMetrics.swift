import CoreMetrics
import Prometheus

/// What `/metrics` reports about RunFunction calls, through swift-metrics with swift-prometheus
/// behind it: calls by gRPC method and by the most severe result, and how long the composition took.
///
/// The registry is passed in rather than bootstrapped globally, so each server (and each test) owns
/// its own figures.
public final class CallMetrics: Sendable {
  public let registry: PrometheusCollectorRegistry
  private let calls: [CallKey: CoreMetrics.Counter]
  private let duration: CoreMetrics.Timer

  /// The label values of `function_serverless_calls_total`.
  struct CallKey: Hashable {
    var method: String
    var severity: String
  }

  static let severities = ["none", "normal", "warning", "fatal"]

  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), methods: [String]) {
    self.registry = registry
    var factory = PrometheusMetricsFactory(registry: registry)
    // Compositions take microseconds; Prometheus' default buckets start at 5 ms.
    factory.durationHistogramBuckets["function_serverless_run_function_duration_seconds"] = [
      .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
      .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(250),
      .seconds(1),
    ]
    var calls: [CallKey: CoreMetrics.Counter] = [:]
    for method in methods {
      for severity in Self.severities {
        calls[CallKey(method: method, severity: severity)] = CoreMetrics.Counter(
          label: "function_serverless_calls_total", dimensions: [("method", method), ("severity", severity)], factory: factory)
      }
    }
    self.calls = calls
    duration = CoreMetrics.Timer(label: "function_serverless_run_function_duration_seconds", factory: factory)
  }

  /// One answered call: `severity` is that of its most severe result, `none` without results.
  func record(method: String, severity: String, duration: Duration) {
    calls[CallKey(method: method, severity: severity)]?.increment()
    let (seconds, attoseconds) = duration.components
    self.duration.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  /// The Prometheus text exposition of every metric.
  public func exposition() -> [UInt8] {
    registry.emitToBuffer()
  }
}
