import Synchronization

/// The serving status of each service this server names, shared by the health service's calls and
/// the server that sets it: NOT_SERVING until the function's port is listening, SERVING from then
/// on, NOT_SERVING again from the moment a graceful shutdown begins.
///
/// The names are those a health client may ask for: "" (the server as a whole, what a kubelet's gRPC
/// probe asks by default) and each RunFunction service.
public final class HealthStatus: Sendable {
  typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

  private struct State {
    var statuses: [String: Status]
    var watchers: [Int: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
    var nextWatcher = 0
    /// Once shut down, watches end and new ones get the last status and end at once.
    var isShutDown = false
  }

  private let state: Mutex<State>

  public init(services: [String]) {
    state = Mutex(State(statuses: Dictionary(uniqueKeysWithValues: ([""] + services).map { ($0, .notServing) })))
  }

  /// The status of `service`, or nil when this server does not name it.
  func status(of service: String) -> Status? {
    state.withLock { $0.statuses[service] }
  }

  /// Every named service is now serving.
  public func markServing() { setAll(.serving) }

  /// Every named service stops serving and every watch ends after it has been told so: a Watch is a
  /// call that lasts, and a graceful shutdown waits for calls in flight.
  public func markShuttingDown() {
    setAll(.notServing)
    let ended = state.withLock { state in
      state.isShutDown = true
      defer { state.watchers.removeAll() }
      return state.watchers.values.map(\.continuation)
    }
    for continuation in ended { continuation.finish() }
  }

  private func setAll(_ status: Status) {
    let toTell = state.withLock { state in
      let changed = state.statuses.filter { $0.value != status }.keys
      for service in changed { state.statuses[service] = status }
      return state.watchers.values.filter { changed.contains($0.service) }.map(\.continuation)
    }
    for continuation in toTell { continuation.yield(status) }
  }

  /// The status of `service` now and at each change, as the health protocol's Watch sends them:
  /// SERVICE_UNKNOWN for a name this server does not know (the call stays open all the same).
  func watch(_ service: String) -> AsyncStream<Status> {
    let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let (current, isShutDown, id) = state.withLock { state in
      let id = state.nextWatcher
      state.nextWatcher += 1
      if !state.isShutDown { state.watchers[id] = (service, continuation) }
      return (state.statuses[service] ?? .serviceUnknown, state.isShutDown, id)
    }
    continuation.yield(current)
    if isShutDown {
      continuation.finish()
    } else {
      continuation.onTermination = { [weak self] _ in
        _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
      }
    }
    return stream
  }
}
