/// `spec.parameters.nodeAutoscaling`: nodes that follow the apps, so that an app at zero stops paying
/// for its node. One set of fields for the three clouds, each applied the way its autoscaler takes
/// it (docs/cluster.md, "Nodes that follow the apps"):
/// - EKS: the Cluster Autoscaler (its IAM from the infrastructure part, its chart from the apps part);
/// - AKS: the cluster's `autoScalerProfile`;
/// - GKE: the `OPTIMIZE_UTILIZATION` autoscaling profile (GKE sets no time or threshold of its own).
/// With it on, a GPU pool's `minNodeCount: 0` means zero nodes. Read by both parts.
struct NodeAutoscaling {
  /// How long a node may sit unneeded before it goes, in minutes (AKS takes whole minutes only).
  /// The clouds' default is 10 minutes; half of it after an app's own idle time (KEDA's 5 minutes)
  /// still leaves a node for an app that wakes again soon.
  static let defaultUnneededMinutes = 5
  /// Below this share of its allocatable CPU and memory requested, a node is a candidate to go: the
  /// clouds' default, which an empty node (an app at zero) is far below.
  static let defaultUtilizationThreshold = 0.5

  var enabled: Bool
  var unneededMinutes: Int
  var utilizationThreshold: Double

  /// `5m`, as the Cluster Autoscaler's flags and AKS's profile take it.
  var unneededTime: String { "\(unneededMinutes)m" }
  /// `0.5`: the shortest text of the threshold.
  var utilizationThresholdText: String {
    exactInteger(utilizationThreshold).map(String.init) ?? "\(utilizationThreshold)"
  }

  static func read(_ parameters: FieldReader) -> NodeAutoscaling {
    let fields = parameters.child("nodeAutoscaling")
    var unneeded: Int?
    if let raw = fields.raw("unneededTime") {
      if let text = raw.stringValue, let seconds = Durations.seconds(text), seconds % 60 == 0, (60...3600).contains(seconds) {
        unneeded = seconds
      } else {
        fields.report(
          .field(
            fields.fieldPath("unneededTime"), expected: "whole minutes between 1m and 1h, such as 5m (AKS takes minutes only)", got: raw,
            wantsString: true))
      }
    }
    var threshold = defaultUtilizationThreshold
    if let raw = fields.raw("utilizationThreshold") {
      if case .number(let value) = raw, value > 0, value <= 1 {
        threshold = value
      } else {
        fields.report(
          .field(
            fields.fieldPath("utilizationThreshold"), expected: "a share of the node between 0 (exclusive) and 1, such as 0.5", got: raw))
      }
    }
    return NodeAutoscaling(
      enabled: fields.bool("enabled", default: true), unneededMinutes: (unneeded ?? defaultUnneededMinutes * 60) / 60,
      utilizationThreshold: threshold)
  }
}
