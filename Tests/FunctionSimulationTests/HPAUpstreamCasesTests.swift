import Foundation
import Testing

@testable import FunctionSimulation

/// The Kubernetes HPA controller's own unit-test tables (replica_calculator_test.go and
/// horizontal_test.go, Apache-2.0, The Kubernetes Authors), transcribed as data in
/// Fixtures/hpa-upstream-cases.json with each case's upstream test named: the port must give the
/// replica counts upstream asserts.
struct HPAUpstreamCasesTests {
  struct Cases: Decodable {
    var replicaCalculator: [Calculator]
    var behavior: [Behavior]
  }

  struct Calculator: Decodable, CustomTestStringConvertible {
    var name: String
    var upstream: String
    var target: String
    var currentReplicas: Int
    var readyPods: Int
    var metric: Double
    var targetValue: Double
    var tolerance: Double
    var toleranceScaleUp: Double?
    var toleranceScaleDown: Double?
    var expectedReplicas: Int
    var minReplicas: Int?
    var maxReplicas: Int?
    var testDescription: String { "\(name) (\(upstream))" }
  }

  struct Rules: Decodable {
    struct Policy: Decodable {
      var type: String
      var value: Int
      var periodSeconds: Int
    }
    var stabilizationWindowSeconds: Int
    var selectPolicy: String
    var policies: [Policy]

    var model: HPAScalingRules {
      HPAScalingRules(
        stabilizationWindowSeconds: stabilizationWindowSeconds, selectPolicy: .init(rawValue: selectPolicy)!,
        policies: policies.map { .init(type: .init(rawValue: $0.type)!, value: $0.value, periodSeconds: $0.periodSeconds) })
    }
  }

  struct Record: Decodable {
    var secondsAgo: Double
    var replicas: Int
  }

  struct Event: Decodable {
    var secondsAgo: Double
    var replicaChange: Int
  }

  struct Behavior: Decodable, CustomTestStringConvertible {
    var name: String
    var upstream: String
    var stage: String
    var currentReplicas: Int
    var desiredReplicas: Int
    var minReplicas: Int
    var maxReplicas: Int
    var scaleUp: Rules
    var scaleDown: Rules
    var recommendations: [Record]
    var scaleUpEvents: [Event]
    var scaleDownEvents: [Event]
    var expectedReplicas: Int
    var expectedRecommendations: [Int]?
    var testDescription: String { "\(name) (\(upstream))" }
  }

  static let cases: Cases = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hpa-upstream-cases.json")
    // swift-format-ignore: NeverUseForceTry
    return try! JSONDecoder().decode(Cases.self, from: Data(contentsOf: url))
  }()

  @Test func theTablesAreThere() {
    #expect(Self.cases.replicaCalculator.count >= 15)
    #expect(Self.cases.behavior.count >= 25)
  }

  @Test(arguments: cases.replicaCalculator)
  func replicaCalculator(_ test: Calculator) {
    var hpa = HorizontalPodAutoscaler(
      minReplicas: test.minReplicas ?? 1, maxReplicas: test.maxReplicas ?? Int(Int32.max), behavior: nil, tolerance: test.tolerance)
    hpa.tolerance = (test.toleranceScaleDown ?? test.tolerance, test.toleranceScaleUp ?? test.tolerance)
    let metric: HorizontalPodAutoscaler.Metric =
      test.target == "Value"
      ? .value(value: test.metric, target: test.targetValue) : .averageValue(value: test.metric, target: test.targetValue)
    var proposal = hpa.proposal(metric, currentReplicas: test.currentReplicas, readyPods: test.readyPods)
    proposal = min(proposal, Int(Int32.max))
    if test.minReplicas != nil {
      // A whole reconcile: the proposal within min and max (these cases set no behavior and no limit bites).
      proposal = min(max(proposal, hpa.minReplicas), hpa.maxReplicas)
    }
    #expect(proposal == test.expectedReplicas)
  }

  /// The controller reads its clock a little after the test's, so a record exactly one window old is
  /// outside the window.
  static let now = 0.000_001

  @Test(arguments: cases.behavior)
  func behavior(_ test: Behavior) {
    var hpa = HorizontalPodAutoscaler(
      minReplicas: test.minReplicas, maxReplicas: test.maxReplicas,
      behavior: HPABehavior(scaleUp: test.scaleUp.model, scaleDown: test.scaleDown.model))
    hpa.recommendations = test.recommendations.map { (-$0.secondsAgo, $0.replicas) }
    hpa.scaleUpEvents = test.scaleUpEvents.map { .init(replicaChange: $0.replicaChange, time: -$0.secondsAgo) }
    hpa.scaleDownEvents = test.scaleDownEvents.map { .init(replicaChange: $0.replicaChange, time: -$0.secondsAgo) }
    let replicas: Int
    switch test.stage {
    case "stabilize":
      replicas = hpa.stabilize(currentReplicas: test.currentReplicas, desired: test.desiredReplicas, now: Self.now)
    case "rate":
      replicas = hpa.limitRate(currentReplicas: test.currentReplicas, desired: test.desiredReplicas, now: Self.now)
    default:
      replicas = hpa.reconcile(proposal: test.desiredReplicas, currentReplicas: test.currentReplicas, now: Self.now)
    }
    #expect(replicas == test.expectedReplicas)
    if let expected = test.expectedRecommendations {
      #expect(hpa.recommendations?.map(\.replicas) == expected)
    }
  }

  /// `TestCalculateScaleUpLimitWithScalingRules` and `TestCalculateScaleDownLimitWithBehaviors`, the
  /// only upstream cases of the `Min` select policy.
  @Test func theMinSelectPolicy() {
    let rules = HPAScalingRules(
      stabilizationWindowSeconds: 0, selectPolicy: .min,
      policies: [.init(type: .pods, value: 2, periodSeconds: 60), .init(type: .percent, value: 50, periodSeconds: 60)])
    let hpa = HorizontalPodAutoscaler(minReplicas: 1, maxReplicas: 100, behavior: HPABehavior(scaleUp: rules, scaleDown: rules))
    #expect(hpa.scaleUpLimit(currentReplicas: 1, now: 0) == 2)
    #expect(hpa.scaleDownLimit(currentReplicas: 5, now: 0) == 3)
  }
}
