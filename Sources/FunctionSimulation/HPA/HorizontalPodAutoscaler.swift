/// The Kubernetes HorizontalPodAutoscaler controller's algorithm for External metrics (every KEDA
/// trigger reaches the HPA as one), ported from kubernetes v1.34 `pkg/controller/podautoscaler`:
/// `replica_calculator.go` for each metric's proposal, `horizontal.go` for the rest (the behavior's
/// stabilization windows and rate policies, or without a behavior the controller's defaults). KEDA
/// gives the HPA a `minReplicas` of at least 1 and alone moves the app between 0 and 1.
///
/// Time is the simulation's, in seconds. The state a controller keeps per HPA (its recommendations
/// and scale events) is this value's.
public struct HorizontalPodAutoscaler: Sendable {
  public var minReplicas: Int
  public var maxReplicas: Int
  /// nil when the ScaledObject sets none: KEDA then gives the HPA no behavior (the API server fills
  /// one in only when it is set) and the controller takes `normalizeDesiredReplicas`.
  public var behavior: HPABehavior?
  /// `--horizontal-pod-autoscaler-tolerance`, below and above a ratio of 1.
  public var tolerance: (down: Double, up: Double)

  /// Recommendations of earlier syncs (`horizontal.go` `timestampedRecommendation`); nil before the
  /// first sync, which records the current replicas (`recordInitialRecommendation`).
  public var recommendations: [(time: Double, replicas: Int)]?
  public var scaleUpEvents: [ScaleEvent] = []
  public var scaleDownEvents: [ScaleEvent] = []

  public struct ScaleEvent: Sendable, Equatable {
    public var replicaChange: Int
    public var time: Double
    public var outdated: Bool

    public init(replicaChange: Int, time: Double, outdated: Bool = false) {
      self.replicaChange = replicaChange
      self.time = time
      self.outdated = outdated
    }
  }

  public static let defaultTolerance = 0.1
  /// `--horizontal-pod-autoscaler-downscale-stabilization`, for an HPA without a behavior.
  public static let downscaleStabilizationSeconds = 300.0

  public init(minReplicas: Int, maxReplicas: Int, behavior: HPABehavior?, tolerance: Double = defaultTolerance) {
    self.minReplicas = minReplicas
    self.maxReplicas = maxReplicas
    self.behavior = behavior
    self.tolerance = (tolerance, tolerance)
  }

  /// One metric's value and target, as the HPA reads an External metric.
  public enum Metric: Sendable, Equatable {
    /// `target.averageValue`: the metric is divided among the replicas.
    case averageValue(value: Double, target: Double)
    /// `target.value`: the metric against the whole target, scaled by the ready pods.
    case value(value: Double, target: Double)
  }

  /// `GetExternalPerPodMetricReplicas` and `GetExternalMetricReplicas`: one metric's proposal.
  /// - Parameters:
  ///   - currentReplicas: the scale's replicas (for AverageValue, its status replicas).
  ///   - readyPods: the ready pods, which a Value target's ratio multiplies.
  public func proposal(_ metric: Metric, currentReplicas: Int, readyPods: Int) -> Int {
    switch metric {
    case .averageValue(let value, let target):
      let usageRatio = value / (target * Double(currentReplicas))
      guard !isWithinTolerance(usageRatio) else { return currentReplicas }
      return replicas((value / target).rounded(.up))
    case .value(let value, let target):
      let usageRatio = value / target
      // getUsageRatioReplicaCount
      guard currentReplicas != 0 else { return replicas(usageRatio.rounded(.up)) }
      guard !isWithinTolerance(usageRatio) else { return currentReplicas }
      return replicas((usageRatio * Double(readyPods)).rounded(.up))
    }
  }

  /// A replica count is an int32: a larger proposal is `MaxInt32`.
  func replicas(_ proposal: Double) -> Int { proposal >= Double(Int32.max) ? Int(Int32.max) : Int(max(proposal, 0)) }

  func isWithinTolerance(_ ratio: Double) -> Bool { 1 - tolerance.down <= ratio && ratio <= 1 + tolerance.up }

  /// One sync: the largest proposal of the metrics, then `reconcile`.
  public mutating func sync(metrics: [Metric], currentReplicas: Int, readyPods: Int, now: Double) -> Int {
    let proposal = metrics.map { self.proposal($0, currentReplicas: currentReplicas, readyPods: readyPods) }.max()
    return reconcile(proposal: proposal, currentReplicas: currentReplicas, now: now)
  }

  /// `reconcileAutoscaler`: out of [min, max] the replicas go to the bound; within, the proposal is
  /// normalized (with or without a behavior). Records what the controller records: the
  /// recommendation, and a scale event when the replicas change. Without a proposal (no metric the
  /// model follows) the replicas stay.
  public mutating func reconcile(proposal: Int?, currentReplicas: Int, now: Double) -> Int {
    if recommendations == nil { recommendations = [(now, currentReplicas)] }
    let desired: Int
    if currentReplicas == 0 && minReplicas != 0 {
      return 0
    } else if currentReplicas > maxReplicas {
      desired = maxReplicas
    } else if currentReplicas < minReplicas {
      desired = minReplicas
    } else if let proposal {
      desired = normalize(currentReplicas: currentReplicas, desired: max(proposal, 0), now: now)
    } else {
      desired = currentReplicas
    }
    if desired != currentReplicas { storeScaleEvent(from: currentReplicas, to: desired, now: now) }
    return desired
  }

  /// `normalizeDesiredReplicasWithBehaviors` (stabilize, then limit the rate of change, then min and
  /// max), or without a behavior `normalizeDesiredReplicas`.
  public mutating func normalize(currentReplicas: Int, desired: Int, now: Double) -> Int {
    guard behavior != nil else {
      let stabilized = stabilizeWithoutBehavior(desired: desired, now: now)
      return limitWithoutBehavior(currentReplicas: currentReplicas, desired: stabilized)
    }
    let stabilized = stabilize(currentReplicas: currentReplicas, desired: desired, now: now)
    return limitRate(currentReplicas: currentReplicas, desired: stabilized, now: now)
  }

  /// `stabilizeRecommendation`: the highest recommendation of the downscale window, the desired one
  /// included; the desired one is recorded over the last record older than the window, if any.
  mutating func stabilizeWithoutBehavior(desired: Int, now: Double) -> Int {
    let cutoff = now - Self.downscaleStabilizationSeconds
    var highest = desired
    var oldSample: Int?
    var records = recommendations ?? []
    for (index, record) in records.enumerated() {
      if record.time < cutoff {
        oldSample = index
      } else if record.replicas > highest {
        highest = record.replicas
      }
    }
    if let oldSample { records[oldSample] = (now, desired) } else { records.append((now, desired)) }
    recommendations = records
    return highest
  }

  /// `convertDesiredReplicasWithRules`: at most twice the current replicas (at least 4), and within
  /// min and max.
  func limitWithoutBehavior(currentReplicas: Int, desired: Int) -> Int {
    let scaleUpLimit = max(2 * currentReplicas, 4)
    let maximum = min(maxReplicas, scaleUpLimit)
    if desired < minReplicas { return minReplicas }
    if desired > maximum { return maximum }
    return desired
  }

  /// `stabilizeRecommendationWithBehaviors`: within the scale-up window the lowest recommendation
  /// caps a rise, within the scale-down window the highest one floors a fall. The unstabilized
  /// recommendation is recorded, over a record older than both windows when there is one.
  mutating func stabilize(currentReplicas: Int, desired: Int, now: Double) -> Int {
    let behavior = behavior ?? HPABehavior()
    let upCutoff = now - Double(behavior.scaleUp.stabilizationWindowSeconds)
    let downCutoff = now - Double(behavior.scaleDown.stabilizationWindowSeconds)
    var upRecommendation = desired
    var downRecommendation = desired
    var oldSample: Int?
    var records = recommendations ?? []
    for (index, record) in records.enumerated() {
      if record.time > upCutoff { upRecommendation = min(record.replicas, upRecommendation) }
      if record.time > downCutoff { downRecommendation = max(record.replicas, downRecommendation) }
      if record.time < upCutoff && record.time < downCutoff { oldSample = index }
    }
    var recommendation = currentReplicas
    if recommendation < upRecommendation { recommendation = upRecommendation }
    if recommendation > downRecommendation { recommendation = downRecommendation }
    if let oldSample { records[oldSample] = (now, desired) } else { records.append((now, desired)) }
    recommendations = records
    return recommendation
  }

  /// `convertDesiredReplicasWithBehaviorRate`.
  func limitRate(currentReplicas: Int, desired: Int, now: Double) -> Int {
    if desired > currentReplicas {
      let limit = max(scaleUpLimit(currentReplicas: currentReplicas, now: now), currentReplicas)
      return min(desired, min(maxReplicas, limit))
    }
    if desired < currentReplicas {
      let limit = min(scaleDownLimit(currentReplicas: currentReplicas, now: now), currentReplicas)
      return max(desired, max(minReplicas, limit))
    }
    return desired
  }

  /// `calculateScaleUpLimitWithScalingRules`.
  func scaleUpLimit(currentReplicas: Int, now: Double) -> Int {
    let rules = (behavior ?? HPABehavior()).scaleUp
    if rules.selectPolicy == .disabled { return currentReplicas }
    var result = rules.selectPolicy == .min ? Int.max : Int.min
    for policy in rules.policies {
      let start = periodStartReplicas(currentReplicas, policy, now: now)
      let proposed =
        policy.type == .pods
        ? start + policy.value : Int((Double(start) * (1 + Double(policy.value) / 100)).rounded(.up))
      result = rules.selectPolicy == .min ? min(result, proposed) : max(result, proposed)
    }
    return result
  }

  /// `calculateScaleDownLimitWithBehaviors`.
  func scaleDownLimit(currentReplicas: Int, now: Double) -> Int {
    let rules = (behavior ?? HPABehavior()).scaleDown
    if rules.selectPolicy == .disabled { return currentReplicas }
    var result = rules.selectPolicy == .min ? Int.min : Int.max
    for policy in rules.policies {
      let start = periodStartReplicas(currentReplicas, policy, now: now)
      let proposed =
        policy.type == .pods
        ? start - policy.value : Int((Double(start) * (1 - Double(policy.value) / 100)).rounded(.towardZero))
      result = rules.selectPolicy == .min ? max(result, proposed) : min(result, proposed)
    }
    return result
  }

  /// The replicas at the start of a policy's period: now's, less what was added in the period, plus
  /// what was removed (`getReplicasChangePerPeriod`).
  func periodStartReplicas(_ currentReplicas: Int, _ policy: HPAScalingRules.Policy, now: Double) -> Int {
    let cutoff = now - Double(policy.periodSeconds)
    func change(_ events: [ScaleEvent]) -> Int { events.filter { $0.time > cutoff }.reduce(0) { $0 + $1.replicaChange } }
    return currentReplicas - change(scaleUpEvents) + change(scaleDownEvents)
  }

  /// `storeScaleEvent`: only with a behavior. Events older than the direction's longest policy period
  /// are marked outdated, and the last outdated one is reused.
  mutating func storeScaleEvent(from previous: Int, to new: Int, now: Double) {
    guard let behavior else { return }
    func store(_ events: inout [ScaleEvent], _ rules: HPAScalingRules, change: Int) {
      let longest = Double(rules.policies.map(\.periodSeconds).max() ?? 0)
      for index in events.indices where events[index].time < now - longest { events[index].outdated = true }
      let event = ScaleEvent(replicaChange: change, time: now)
      if let index = events.lastIndex(where: \.outdated) {
        events[index] = event
      } else {
        events.append(event)
      }
    }
    if new > previous {
      store(&scaleUpEvents, behavior.scaleUp, change: new - previous)
    } else if new < previous {
      store(&scaleDownEvents, behavior.scaleDown, change: previous - new)
    }
  }
}
