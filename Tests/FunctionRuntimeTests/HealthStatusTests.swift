import Testing

@testable import FunctionRuntime

/// The health service's state, as the server drives it; the wire is checked from outside by
/// Tests/binary/check-binary.py with grpcio-health-checking's client.
struct HealthStatusTests {
  typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus
  let names = FunctionServer.healthServiceNames

  @Test func notServingUntilListeningThenServingThenNotServingOnShutdown() {
    let health = HealthStatus(services: names)
    var seen: [[Status?]] = []
    seen.append(([""] + names).map(health.status(of:)))
    health.markServing()
    seen.append(([""] + names).map(health.status(of:)))
    health.markShuttingDown()
    seen.append(([""] + names).map(health.status(of:)))
    #expect(seen == [[.notServing, .notServing, .notServing], [.serving, .serving, .serving], [.notServing, .notServing, .notServing]])
  }

  @Test func anUnnamedServiceHasNoStatus() {
    #expect(HealthStatus(services: names).status(of: "grpc.health.v1.Health") == nil)
  }

  @Test func aWatchGetsTheStatusNowEachChangeOnceAndEndsOnShutdown() async {
    let health = HealthStatus(services: names)
    var watch = health.watch(names[0]).stream.makeAsyncIterator()
    var received: [Status?] = [await watch.next()]
    health.markServing()
    received.append(await watch.next())
    health.markServing()  // no change: nothing sent
    health.markShuttingDown()
    received.append(await watch.next())
    received.append(await watch.next())
    #expect(received == [.notServing, .serving, .notServing, nil])
  }

  @Test func aWatchEndsWhenItsCallIsCancelledAndIsForgotten() async {
    let health = HealthStatus(services: names)
    let watch = health.watch("")
    watch.continuation.finish()
    var received: [Status] = []
    for await status in watch.stream { received.append(status) }
    #expect(received == [.notServing])
    #expect(health.watcherCount == 0)
  }

  @Test func servingAfterShutdownIsIgnored() {
    let health = HealthStatus(services: names)
    health.markShuttingDown()
    health.markServing()
    #expect(health.status(of: "") == .notServing)
  }

  /// As grpc-go's health server does: a watcher that has not read yet gets the newest status only.
  @Test func aSlowWatchGetsTheNewestStatus() async {
    let health = HealthStatus(services: names)
    let stream = health.watch("").stream
    health.markServing()
    health.markShuttingDown()
    var received: [Status] = []
    for await status in stream { received.append(status) }
    #expect(received == [.notServing])
  }

  @Test func aWatchOfAnUnknownServiceGetsServiceUnknownAndStaysOpenUntilShutdown() async {
    let health = HealthStatus(services: names)
    let stream = health.watch("x.Y").stream
    health.markServing()
    health.markShuttingDown()
    var received: [Status] = []
    for await status in stream { received.append(status) }
    #expect(received == [.serviceUnknown])
  }

  @Test func aWatchAfterShutdownGetsTheLastStatusAndEnds() async {
    let health = HealthStatus(services: names)
    health.markServing()
    health.markShuttingDown()
    var received: [Status] = []
    for await status in health.watch("").stream { received.append(status) }
    #expect(received == [.notServing])
  }
}
