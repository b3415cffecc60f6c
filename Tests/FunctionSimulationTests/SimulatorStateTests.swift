import ServerlessComposition
import Testing

@testable import FunctionSimulation

/// The model as a table: one App, one small trace, one cluster; what users see and what it costs.
struct SimulatorStateTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var scaling: Value = [:]
    var spec: Value = [:]
    var arrivals: [Double] = [100]
    var podStart = 8.0
    var databaseResume = 30.0
    var serviceTime = 0.1
    var coldStarts: Int
    var maxWait: Double
    var lost: [String: Int] = [:]
    var fallback = 0
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    // Woken by the interceptor's push 0.5 s after the request, the pod answers 8 s later and the
    // startup probe (every 1 s from creation) sees it at once.
    Case(name: "a request at zero waits for the wake", coldStarts: 1, maxWait: 8.5),
    Case(name: "the rest of the burst waits with it", arrivals: [100, 101, 105], coldStarts: 3, maxWait: 8.5),
    Case(name: "a slow start within conditionWait", podStart: 40, coldStarts: 1, maxWait: 40.5),
    // conditionWait 60 s (the composed default) before the route's 75 s: the interceptor's 502.
    Case(name: "a start longer than conditionWait loses the request", podStart: 70, coldStarts: 1, maxWait: 60, lost: ["conditionWait": 1]),
    Case(
      name: "a fallback answers after its delay",
      scaling: ["coldStart": ["timeout": "90s", "fallback": ["service": "waking-up", "port": 80, "after": "20s"]]],
      podStart: 30, coldStarts: 1, maxWait: 20, fallback: 1),
    Case(
      name: "a fallback never answers a fast start",
      scaling: ["coldStart": ["timeout": "90s", "fallback": ["service": "waking-up", "port": 80, "after": "20s"]]], coldStarts: 1,
      maxWait: 8.5),
    Case(name: "always on never waits", spec: ["minReplicas": 1], coldStarts: 0, maxWait: 0),
    // The interceptor gives the app 15 s (the composed responseHeader) for its first byte: 502.
    Case(name: "an answer slower than responseHeader is lost", serviceTime: 20, coldStarts: 1, maxWait: 8.5, lost: ["responseHeader": 1]),
    // The database resumes from the wake (100.5) for 30 s; the pod was ready at 108.5.
    Case(
      name: "a hibernated database resumes before the app is ready",
      spec: ["db": ["cnpg": ["storage": "1Gi", "hibernate": true]]], coldStarts: 1, maxWait: 30.5),
    Case(
      name: "a database that resumes faster than the pod starts adds nothing",
      spec: ["db": ["cnpg": ["storage": "1Gi", "hibernate": true]]], databaseResume: 5, coldStarts: 1, maxWait: 8.5),
    // A pod that answers at once is ready at once: the held request is served at the wake.
    Case(name: "a pod that starts at once", podStart: 0, coldStarts: 1, maxWait: 0.5),
    // The startup probe's 100 runs tick at 0, 1, ... 99 s: the 100th failure at 99 s restarts the
    // container, and the pod is never ready.
    Case(
      name: "a start within the startup probe's last run", scaling: ["coldStart": ["timeout": "300s"]], podStart: 99, coldStarts: 1,
      maxWait: 99.5),
    Case(
      name: "a start beyond the startup probe never serves", scaling: ["coldStart": ["timeout": "300s"]], podStart: 99.5, coldStarts: 1,
      maxWait: 300, lost: ["conditionWait": 1]),
    // Requests 10 min apart with a 1 min idle time: every one finds the app at zero.
    Case(
      name: "sparse requests each wake the app", scaling: ["scaleToZeroAfter": "1m"], arrivals: [100, 700, 1300], coldStarts: 3,
      maxWait: 8.5),
    Case(
      name: "within the idle time the app stays up", scaling: ["scaleToZeroAfter": "10m"], arrivals: [100, 700, 1300], coldStarts: 1,
      maxWait: 8.5),
  ]

  @Test(arguments: cases)
  func outcome(_ test: Case) {
    let app = TestApps.app(scaling: test.scaling, spec: test.spec)
    var parameters = SimulationParameters()
    parameters.podStart = test.podStart
    parameters.databaseResume = test.databaseResume
    parameters.serviceTime = test.serviceTime
    let outcome = Simulator(app: app, trace: Trace(arrivals: test.arrivals, duration: 3600), parameters: parameters).run()
    #expect(outcome.requests == test.arrivals.count)
    #expect(outcome.coldStarts == test.coldStarts)
    #expect(abs(outcome.waitSeconds.max - test.maxWait) < 1e-9, "max wait \(outcome.waitSeconds.max)")
    #expect(outcome.lostBy.filter { $0.value > 0 } == test.lost)
    #expect(outcome.fallback == test.fallback)
  }

  /// An app that starts at zero and is woken once: at zero until the wake, then up for the idle time.
  @Test func podSecondsAndTimeAtZero() {
    let app = TestApps.app(scaling: ["scaleToZeroAfter": "1m"])
    let outcome = Simulator(app: app, trace: Trace(arrivals: [100], duration: 3600), parameters: .init()).run()
    // Up from the wake (100.5) until the poll at 270 (a request at 100: the range holds the scrape at
    // 90 until 210, the last active poll is 180, and 180 + 60 < 270).
    #expect(abs(outcome.podSeconds - (270 - 100.5)) < 1e-9)
    #expect(abs(outcome.timeAtZeroSeconds - (3600 - (270 - 100.5))) < 1e-9)
    #expect(outcome.wakes == 1)
  }

  /// Concurrent requests above the per-replica target scale the app out, within maxReplicas.
  @Test func theHPAScalesOnTheInterceptorsQueue() {
    let app = TestApps.app(scaling: ["target": ["concurrency": 10]])
    // 60 long requests in flight for ten minutes.
    let trace = Trace(
      arrivals: (0..<60).map { 100 + Double($0) * 0.01 }, serviceTimes: Array(repeating: 600, count: 60), duration: 1800)
    var parameters = SimulationParameters()
    parameters.podStart = 5
    let outcome = Simulator(app: app, trace: trace, parameters: parameters).run()
    let peak = outcome.timeline.map(\.replicas).max()
    #expect(peak == 5)  // maxReplicas
    #expect(outcome.lost == 60)  // 600 s in the app is beyond the route's 75 s
  }

  /// A schedule pre-warms the app from zero at its start and holds its replicas until its end.
  @Test func aScheduleHoldsReplicasInItsWindow() {
    let app = TestApps.app(scaling: [
      "scaleToZeroAfter": "1m",
      "schedules": [["start": "0 8 * * *", "end": "0 9 * * *", "timezone": "Etc/UTC", "replicas": 2]],
    ])
    let outcome = Simulator(app: app, trace: Trace(arrivals: [8.5 * 3600], duration: 12 * 3600), parameters: .init()).run()
    #expect(outcome.coldStarts == 0)
    #expect(outcome.timeline.contains { $0.replicas == 2 && $0.time >= 8 * 3600 && $0.time < 8 * 3600 + 60 })
    #expect(outcome.timeline.last?.replicas == 0)
  }

  /// The database hibernates a while after the app reaches zero: a wake before then finds it up.
  @Test func aWakeSoonAfterZeroFindsTheDatabaseUp() {
    let app = TestApps.app(scaling: ["scaleToZeroAfter": "1m"], spec: ["db": ["cnpg": ["storage": "1Gi", "hibernate": true]]])
    // At zero at 270 (podSecondsAndTimeAtZero); the second request wakes it at 301.5.
    func waits(hibernateAfter: Double) -> SimulationOutcome.Percentiles {
      var parameters = SimulationParameters()
      parameters.databaseHibernateAfter = hibernateAfter
      return Simulator(app: app, trace: Trace(arrivals: [100, 301], duration: 3600), parameters: parameters).run().coldStartWaitSeconds
    }
    #expect(waits(hibernateAfter: 120) == .init(p50: 8.5, p95: 30.5, p99: 30.5, max: 30.5))
    #expect(waits(hibernateAfter: 20) == .init(p50: 30.5, p95: 30.5, p99: 30.5, max: 30.5))
  }

  /// A readiness probe's delay holds the pod back even after its startup probe passed: created at
  /// 100.5, started at 108.5 (the readiness run then is within its 20 s delay); the readiness
  /// worker ticks every 10 s from the pod's start, and its tick at 120.5 is the first past the delay.
  @Test func theReadinessProbesDelay() {
    let app = TestApps.app(spec: ["probes": ["readiness": ["path": "/ready", "initialDelaySeconds": 20]]])
    let outcome = Simulator(app: app, trace: Trace(arrivals: [100], duration: 600), parameters: .init()).run()
    #expect(outcome.waitSeconds.max == 20.5)
  }

  /// Ticks are counted in whole periods from the creation: adding up times whose sum rounds above
  /// the tick must not push readiness a period later.
  @Test func aTickIsNotLostToRounding() {
    let app = TestApps.app()
    // Created at 27.161553023346325 - 0.5 + 0.5: the sum created + 8 is not exact in binary.
    let outcome = Simulator(app: app, trace: Trace(arrivals: [26.661553023346325], duration: 600), parameters: .init()).run()
    #expect(abs(outcome.waitSeconds.max - 8.5) < 1e-9)
  }

  @Test func nothingToReplay() {
    let outcome = Simulator(app: TestApps.app(), trace: Trace(arrivals: [], duration: 0), parameters: .init()).run()
    #expect(outcome.requests == 0 && outcome.podSeconds == 0 && outcome.waitSeconds.max == 0)
  }
}
