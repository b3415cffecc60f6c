import ServerlessComposition

/// `spec.behavior` of an HPA (autoscaling/v2), as KEDA passes the ScaledObject's
/// `advanced.horizontalPodAutoscalerConfig.behavior` through, with the API server's defaults filled
/// in for each direction left out (kubernetes v1.34 `pkg/apis/autoscaling/v2/defaults.go`,
/// `GenerateHPAScaleUpRules` and `GenerateHPAScaleDownRules`).
public struct HPABehavior: Sendable, Equatable {
  public var scaleUp: HPAScalingRules
  public var scaleDown: HPAScalingRules

  public init(scaleUp: HPAScalingRules = .defaultScaleUp, scaleDown: HPAScalingRules = .defaultScaleDown) {
    self.scaleUp = scaleUp
    self.scaleDown = scaleDown
  }

  /// A behavior as written, each direction left out taking its defaults; nil without one.
  init?(_ value: Value?) {
    guard let value, value.objectValue != nil else { return nil }
    self.init(
      scaleUp: HPAScalingRules(value["scaleUp"], defaults: .defaultScaleUp),
      scaleDown: HPAScalingRules(value["scaleDown"], defaults: .defaultScaleDown))
  }
}

public struct HPAScalingRules: Sendable, Equatable {
  public enum SelectPolicy: String, Sendable {
    case max = "Max"
    case min = "Min"
    case disabled = "Disabled"
  }
  public enum PolicyType: String, Sendable {
    case pods = "Pods"
    case percent = "Percent"
  }

  public struct Policy: Sendable, Equatable {
    public var type: PolicyType
    public var value: Int
    public var periodSeconds: Int

    public init(type: PolicyType, value: Int, periodSeconds: Int) {
      self.type = type
      self.value = value
      self.periodSeconds = periodSeconds
    }
  }

  public var stabilizationWindowSeconds: Int
  public var selectPolicy: SelectPolicy
  public var policies: [Policy]

  public init(stabilizationWindowSeconds: Int, selectPolicy: SelectPolicy, policies: [Policy]) {
    self.stabilizationWindowSeconds = stabilizationWindowSeconds
    self.selectPolicy = selectPolicy
    self.policies = policies
  }

  /// Scale up: no stabilization, the larger of 4 pods or 100% every 15 s.
  public static let defaultScaleUp = HPAScalingRules(
    stabilizationWindowSeconds: 0, selectPolicy: .max,
    policies: [.init(type: .pods, value: 4, periodSeconds: 15), .init(type: .percent, value: 100, periodSeconds: 15)])
  /// Scale down: the highest recommendation of the last 5 minutes, then up to 100% every 15 s.
  public static let defaultScaleDown = HPAScalingRules(
    stabilizationWindowSeconds: 300, selectPolicy: .max, policies: [.init(type: .percent, value: 100, periodSeconds: 15)])

  /// Each field the manifest leaves out takes its default.
  init(_ value: Value?, defaults: HPAScalingRules) {
    guard let value else {
      self = defaults
      return
    }
    stabilizationWindowSeconds = value["stabilizationWindowSeconds"]?.numberValue?.boundedCount ?? defaults.stabilizationWindowSeconds
    selectPolicy = value["selectPolicy"]?.stringValue.flatMap(SelectPolicy.init) ?? defaults.selectPolicy
    let policies = (value["policies"]?.arrayValue ?? []).compactMap { policy -> Policy? in
      guard let type = policy["type"]?.stringValue.flatMap(PolicyType.init), let amount = policy["value"]?.numberValue,
        let period = policy["periodSeconds"]?.numberValue
      else { return nil }
      return Policy(type: type, value: amount.boundedCount, periodSeconds: period.boundedCount)
    }
    self.policies = policies.isEmpty ? defaults.policies : policies
  }
}
