/// What an App scales on beyond Envoy's request rate (`spec.scaling.cpu`, `memory`, `prometheusQuery`,
/// `triggers`): KEDA's scalers, read here and written as triggers by `ScalingTriggers`.

/// `spec.scaling.cpu` or `memory`: KEDA's `cpu` / `memory` scaler, a utilization target in percent of
/// the pods' request (the HPA's resource metric).
struct ResourceTarget: Equatable {
  static let defaultUtilization = 80

  var enabled: Bool
  var utilization: Int
}

/// `spec.scaling.prometheusQuery`: KEDA's `prometheus` scaler on a query of the user's (a latency
/// percentile, a queue length), on the App's Prometheus.
struct PrometheusQuery: Equatable {
  var query: String
  /// The value per replica (`threshold`): KEDA scales to the query's value over it.
  var threshold: Double
  /// Above this the app wakes from zero (`activationThreshold`, KEDA's default 0).
  var activationThreshold: Double?
  /// The query replaces Envoy's request rate instead of joining it.
  var replacesRequestRate: Bool
  /// `AverageValue` (nil, KEDA's default): the query's value is shared by the replicas, as a queue
  /// length is; `Value`: the value is what each replica sees, as a latency is, and the HPA scales by
  /// its ratio to the threshold.
  var metricType: String?
}

/// `spec.scaling.triggers[]`: any KEDA scaler, as KEDA spells it.
struct CustomTrigger: Equatable {
  /// How the scaler gets its secrets: a TriggerAuthentication composed beside the ScaledObject from a
  /// Secret, or one that exists already.
  enum Authentication: Equatable {
    /// scaler parameter -> key in the Secret `secret`.
    case secret(name: String, parameters: [String: String])
    case reference(String)
  }

  var type: String
  var name: String?
  var metadata: [String: String]
  var metricType: String?
  var authentication: Authentication?

  /// A trigger's own part of the names composed for it: its name, else its place (1-based).
  func key(index: Int) -> String { name ?? String(index + 1) }
}

extension ScalingSpec {
  /// Scalers that never wake an app from zero: KEDA leaves their metrics to the HPA, which does not
  /// scale from zero (v2.20.2 `pkg/scaling/scale_handler.go`, `getScaledObjectState`).
  static let resourceScalers: Set<String> = ["cpu", "memory"]

  /// The CPU and memory targets in force: both at 80% when the app scales on them (no Prometheus
  /// address or no route), each as its field says otherwise; beside the request rate, only those set.
  func resourceTargets(scalesOnRequestRate: Bool) -> [(resource: String, utilization: Int)] {
    [("cpu", cpu), ("memory", memory)].compactMap { resource, target in
      guard let target else {
        return scalesOnRequestRate ? nil : (resource, ResourceTarget.defaultUtilization)
      }
      return target.enabled ? (resource, target.utilization) : nil
    }
  }

  /// A trigger besides CPU and memory that can wake the app from zero on its own.
  var hasWakingTrigger: Bool { prometheusQuery != nil || !triggers.isEmpty }
}
