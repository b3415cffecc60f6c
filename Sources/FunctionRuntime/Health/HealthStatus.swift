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

  /// The watches still open.
  var watcherCount: Int { state.withLock { $0.watchers.count } }

  /// Every named service is now serving (ignored once shutting down, as grpc-go's SetServingStatus is).
  public func markServing() {
    state.withLock { state in
      guard !state.isShutDown else { return }
      Self.set(.serving, in: &state)
    }
  }

  /// Every named service stops serving and every watch ends after it has been told so: a Watch is a
  /// call that lasts, and a graceful shutdown waits for calls in flight.
  public func markShuttingDown() {
    let ended = state.withLock { state in
      guard !state.isShutDown else { return [AsyncStream<Status>.Continuation]() }
      Self.set(.notServing, in: &state)
      state.isShutDown = true
      defer { state.watchers.removeAll() }
      return state.watchers.values.map(\.continuation)
    }
    // Outside the lock: finish() runs onTermination, which takes it.
    for continuation in ended { continuation.finish() }
  }

  /// Sets and tells under the lock, so a watcher's initial status and every change reach it in order.
  private static func set(_ status: Status, in state: inout State) {
    let changed = Set(state.statuses.filter { $0.value != status }.keys)
    for service in changed { state.statuses[service] = status }
    for watcher in state.watchers.values where changed.contains(watcher.service) { watcher.continuation.yield(status) }
  }

  /// The status of `service` now and at each change; finish the continuation to stop watching.
  func watch(_ service: String) -> (stream: AsyncStream<Status>, continuation: AsyncStream<Status>.Continuation) {
    let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let (isShutDown, id) = state.withLock { state in
      let id = state.nextWatcher
      state.nextWatcher += 1
      continuation.yield(state.statuses[service] ?? .serviceUnknown)
      if !state.isShutDown { state.watchers[id] = (service, continuation) }
      return (state.isShutDown, id)
    }
    if isShutDown {
      continuation.finish()
    } else {
      continuation.onTermination = { [weak self] _ in
        _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
      }
    }
    return (stream, continuation)
  }
}
