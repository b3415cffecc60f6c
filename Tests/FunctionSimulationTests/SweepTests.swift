import ServerlessComposition
import Testing

@testable import FunctionSimulation

struct SweepTests {
  @Test func aliasesNameFieldsOfTheApp() throws {
    let sweep = try Sweep("scaleToZeroAfter=1m,5m")
    #expect(sweep.path == ["spec", "scaling", "scaleToZeroAfter"])
    #expect(sweep.values == ["1m", "5m"])
    let xr = sweep.applying("5m", to: TestApps.xr())
    #expect(xr.lookup("spec.scaling.scaleToZeroAfter") == "5m")
    #expect(xr.lookup("spec.scaling.enabled") == true)
  }

  @Test func pathsAndNumbers() throws {
    let sweep = try Sweep("spec.scaling.target.concurrency=10, 50,2.5")
    #expect(sweep.values == [10, 50, 2.5])
    #expect(sweep.applying(10, to: TestApps.xr()).lookup("spec.scaling.target.concurrency") == 10)
    #expect(Sweep.label(2.5) == "2.5" && Sweep.label(10) == "10")
  }

  @Test func schedulesOffRemovesThem() throws {
    let sweep = try Sweep("schedules=on,off")
    let xr = TestApps.xr(scaling: ["schedules": [["start": "0 8 * * *", "end": "0 9 * * *", "replicas": 1]]])
    #expect(sweep.applying("on", to: xr) == xr)
    #expect(sweep.applying("off", to: xr).lookup("spec.scaling.schedules") == nil)
  }

  @Test(
    arguments: [
      ("scaleToZeroAfter", "expected FIELD=V1,V2,..."), ("=1,2", "expected FIELD=V1,V2,..."),
      ("speed=1,2", "--sweep speed: expected one of"), ("minReplicas=", "expected at least one value"),
      ("minReplicas=1,,2", "expected at least one value"), ("schedules=yes", "--sweep schedules: takes on and off"),
    ])
  func refuses(_ text: String, _ message: String) {
    #expect {
      _ = try Sweep(text)
    } throws: { error in
      "\(error)".contains(message)
    }
  }

  static func outcome(cold: Double, lost: Int, podSeconds: Double) -> SimulationOutcome {
    let zero = SimulationOutcome.Percentiles(p50: 0, p95: 0, p99: 0, max: 0)
    return SimulationOutcome(
      durationSeconds: 1, requests: 100, coldStarts: Int(cold * 100), coldStartFraction: cold, wakes: 0, lost: lost, lostBy: [:],
      fallback: 0, waitSeconds: zero, coldStartWaitSeconds: zero, timeAtZeroSeconds: 0, podSeconds: podSeconds)
  }

  /// The cheapest within the budget; a setting that loses requests never qualifies.
  @Test func theRecommendation() {
    let rows: [SweepReport.Row] = [
      .init(value: "1m", outcome: Self.outcome(cold: 0.05, lost: 0, podSeconds: 10)),
      .init(value: "5m", outcome: Self.outcome(cold: 0.01, lost: 0, podSeconds: 30)),
      .init(value: "10m", outcome: Self.outcome(cold: 0.002, lost: 1, podSeconds: 20)),
      .init(value: "1h", outcome: Self.outcome(cold: 0, lost: 0, podSeconds: 50)),
    ]
    #expect(Recommendation.choose(rows, maxColdFraction: 0.01) == 1)
    #expect(Recommendation.choose(rows, maxColdFraction: 0.1) == 0)
    #expect(Recommendation.choose(Array(rows[2...2]), maxColdFraction: 0.01) == nil)
  }

  /// The saving is against the same objects with KEDA's minimum at 1: an App already always on saves
  /// nothing, whatever its minimum.
  @Test func alwaysOnIsTheSameObjectsAtOneReplicaOrMore() throws {
    let app = TestApps.app(scaling: ["scaleToZeroAfter": "5m", "target": ["concurrency": 10]])
    #expect(app.alwaysOn.scaledObject?.minReplicas == 1)
    #expect(app.alwaysOn.interceptor == app.interceptor)
    let three = TestApps.app(spec: ["minReplicas": 3])
    #expect(three.alwaysOn.scaledObject?.minReplicas == 3)
    let study = Study(compose: { _ in three }, trace: Trace(arrivals: [10, 20], duration: 600), parameters: .init())
    #expect(try study.run().outcome.saving == 0)
  }

  @Test func anAppWithoutARouteIsRefused() {
    let worker = TestApps.app(spec: [
      "routing": "none",
      "scaling": [
        "triggers": [
          ["type": "rabbitmq", "metadata": ["queueName": "jobs", "mode": "QueueLength", "value": "10", "hostFromEnv": "AMQP_URL"]]
        ]
      ],
    ])
    let study = Study(compose: { _ in worker }, trace: Trace(arrivals: [1]), parameters: .init())
    #expect {
      _ = try study.run()
    } throws: { error in
      "\(error)".contains("composes no route")
    }
  }

  @Test func labelsOfHugeNumbers() {
    #expect(Sweep.label(1e300) == "1e+300")
  }
}
