import Foundation
import Testing

@testable import FunctionSimulation

/// Against closed forms. With Poisson arrivals at rate r, a request finds the app at zero when the gap
/// since the previous request is longer than the idle time T before zero, with probability e^(-rT).
///
/// T is not `cooldownPeriod` alone. The composed request-rate query is `rate(...[2m])` on a counter
/// Prometheus scrapes every 30 s: it stays above zero until the scrape before the request leaves the
/// range, and KEDA's last active poll (every 30 s) starts the cooldown. For a request `phase` seconds
/// after the last scrape before it (scrapes and polls on one 30 s grid; a request at a scrape is
/// counted by that scrape, so phase is in (0, 30]), T = cooldown + range - phase, so T is uniform on
/// [cooldown + 90, cooldown + 120) and the expected share is e^(-r(cooldown + 90)) (1 - e^(-30r)) / (30r).
struct ColdStartClosedFormTests {
  static func lone(at time: Double, cooldown: String) -> Double? {
    let app = TestApps.app(scaling: ["scaleToZeroAfter": .string(cooldown)])
    var parameters = SimulationParameters()
    parameters.podStart = 1
    let trace = Trace(arrivals: [time], duration: time + 3600)
    let outcome = Simulator(app: app, trace: trace, parameters: parameters).run()
    // The last time the replicas went to zero.
    return outcome.timeline.last { $0.replicas == 0 }.map { $0.time - time }
  }

  /// The idle time of one request, by its phase against the 30 s scrape and poll grid.
  @Test(arguments: [(3600.0, 150.0), (3601.0, 179.0), (3615.5, 164.5), (3629.9, 150.1)])
  func aLoneRequestsIdleTimeIsTheCooldownPlusTheRangeLessItsPhase(_ arrival: Double, _ expected: Double) throws {
    let idle = try #require(Self.lone(at: arrival, cooldown: "1m"))
    #expect(abs(idle - expected) < 1e-6)
  }

  @Test(arguments: [(1.0 / 200, "1m", 60.0), (1.0 / 400, "5m", 300.0), (1.0 / 100, "1m", 60.0)])
  func poissonArrivalsFindTheAppAtZeroAsOften(_ rate: Double, _ cooldownText: String, _ cooldown: Double) {
    let count = 20_000
    let trace = TestApps.poisson(rate: rate, count: count, seed: 42)
    let app = TestApps.app(scaling: ["scaleToZeroAfter": .string(cooldownText)])
    var parameters = SimulationParameters()
    parameters.podStart = 1
    parameters.activationDelay = 0.01
    let outcome = Simulator(app: app, trace: trace, parameters: parameters).run()
    let expected = exp(-rate * (cooldown + 90)) * (1 - exp(-30 * rate)) / (30 * rate)
    let measured = Double(outcome.wakes) / Double(count)
    let standardError = (expected * (1 - expected) / Double(count)).squareRoot()
    #expect(abs(measured - expected) < 4 * standardError, "measured \(measured), expected \(expected) ± \(standardError)")
  }

  @Test func oneSeedOneOutcome() {
    let app = TestApps.app(scaling: ["scaleToZeroAfter": "1m"])
    let first = Simulator(app: app, trace: TestApps.poisson(rate: 0.01, count: 5000, seed: 7), parameters: .init()).run()
    let second = Simulator(app: app, trace: TestApps.poisson(rate: 0.01, count: 5000, seed: 7), parameters: .init()).run()
    let other = Simulator(app: app, trace: TestApps.poisson(rate: 0.01, count: 5000, seed: 8), parameters: .init()).run()
    #expect(first == second)
    #expect(first != other)
  }
}
