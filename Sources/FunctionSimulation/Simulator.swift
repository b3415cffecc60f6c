/// Replays a trace through a model of what acts on the App's composed objects, in simulated time: the
/// gateway and the add-on's interceptor (which holds requests while the app wakes), KEDA (which moves
/// the app between zero and one, `pollingInterval` and `cooldownPeriod`), the HPA (between one and
/// the maximum, every sync period), the kubelet's probes and the database's resume. Every part names
/// its upstream source in docs/simulate.md. Pure: the same inputs give the same outcome.
public struct Simulator {
  let app: ComposedApp
  let trace: Trace
  let parameters: SimulationParameters

  public init(app: ComposedApp, trace: Trace, parameters: SimulationParameters) {
    self.app = app
    self.trace = trace
    self.parameters = parameters
  }

  public func run() -> SimulationOutcome {
    var run = SimulationRun(app: app, trace: trace, parameters: parameters)
    run.replay()
    return run.outcome()
  }
}

/// Why a request got no answer from the app.
public enum LossReason: String, Sendable, CaseIterable, Codable {
  /// The interceptor's `conditionWait` ran out before a pod was ready: 502 (add-on v0.12.2).
  case conditionWait
  /// The gateway's route timeout ran out first: 504.
  case routeTimeout
  /// The route goes straight to the app's Service and no pod is ready: Envoy's 503.
  case noReadyPod
}

/// One simulated run, mutated as time advances.
struct SimulationRun {
  let app: ComposedApp
  let trace: Trace
  let parameters: SimulationParameters
  let end: Double

  // What KEDA and the HPA set, and the pods that exist (their ready times, in creation order).
  var replicas: Int
  var podReadyTimes: [Double] = []
  var hpa: HorizontalPodAutoscaler?
  var lastActive: Double?
  var pendingWake: Double?
  var databaseReadyAt = -Double.infinity
  var databaseHibernated = false

  // Requests: those held by the interceptor (arrival index, in arrival order) and those being served
  // (their completion times).
  var held: [Int] = []
  var heldStart = 0
  var serving = MinHeap()
  var lastCompletion = -Double.infinity

  // Metrics' inputs and the record of what happened.
  let prometheus: PrometheusRate?
  let cronOpen: [[Bool]]
  var record: SimulationRecord

  init(app: ComposedApp, trace: Trace, parameters: SimulationParameters) {
    self.app = app
    self.trace = trace
    self.parameters = parameters
    end = trace.duration
    let scaledObject = app.scaledObject
    replicas = scaledObject.map { $0.minReplicas } ?? app.fixedReplicas
    if let scaledObject {
      // KEDA's HPA: `minReplicas` max(minReplicaCount, 1) (KEDA v2.19.0 `controllers/keda/hpa.go`).
      hpa = HorizontalPodAutoscaler(
        minReplicas: max(scaledObject.minReplicas, 1), maxReplicas: scaledObject.maxReplicas, behavior: scaledObject.behavior)
    }
    var prometheus: PrometheusRate?
    var cronOpen: [[Bool]] = []
    let minutes = Int((trace.duration / 60).rounded(.up)) + 1
    for trigger in scaledObject?.triggers ?? [] {
      switch trigger {
      case .requestRate(let window, _, _, _):
        prometheus = PrometheusRate(arrivals: trace.arrivals, scrapeInterval: parameters.scrapeInterval, range: window)
      case .cron(let window):
        cronOpen.append(
          window.openMinutes(startEpochSeconds: trace.startEpochSeconds ?? parameters.startEpochSeconds, minutes: minutes))
      case .interceptor: break
      }
    }
    self.prometheus = prometheus
    self.cronOpen = cronOpen
    record = SimulationRecord(requests: trace.arrivals.count)
    // The app has run before the trace starts: its pods are up (and, at zero, its database sleeps).
    podReadyTimes = Array(repeating: -Double.infinity, count: replicas)
    databaseHibernated = app.databaseHibernates && replicas == 0
  }

  // MARK: - The event loop

  mutating func replay() {
    let polling = app.scaledObject?.pollingInterval
    var nextPoll = polling.map { _ in 0.0 } ?? .infinity
    var nextSync = app.scaledObject == nil ? Double.infinity : parameters.hpaSyncPeriod
    var nextArrival = 0
    var now = 0.0
    record.replicasChanged(at: 0, replicas: replicas, ready: readyPods(at: 0))
    while true {
      let arrival = nextArrival < trace.arrivals.count ? trace.arrivals[nextArrival] : Double.infinity
      let completion = serving.minimum ?? .infinity
      let ready = nextPodReady(after: now)
      let giveUp = heldStart < held.count ? trace.arrivals[held[heldStart]] + holdLimit.seconds : .infinity
      let wake = pendingWake ?? .infinity
      let next = min(arrival, completion, ready, giveUp, wake, nextPoll, nextSync)
      if next > end && arrival == .infinity && serving.isEmpty && heldStart == held.count { break }
      if next == .infinity { break }
      advance(to: next)
      now = next
      // At one instant: requests finish, pods become ready, held requests give up, then KEDA and the
      // HPA act, then new requests arrive (so a request arriving with a pod's readiness is served).
      if completion == next {
        _ = serving.pop()
        lastCompletion = next
      } else if ready == next {
        releaseHeld(at: next)
        record.replicasChanged(at: next, replicas: replicas, ready: readyPods(at: next))
      } else if giveUp == next {
        giveUpHeld(at: next)
      } else if wake == next {
        pendingWake = nil
        if replicas == 0 { scaleFromZero(at: next) }
      } else if nextPoll == next {
        poll(at: next)
        nextPoll += polling ?? .infinity
        if next > end { nextPoll = .infinity }
      } else if nextSync == next {
        hpaSync(at: next)
        nextSync += parameters.hpaSyncPeriod
        if next > end { nextSync = .infinity }
      } else {
        arrive(nextArrival, at: next)
        nextArrival += 1
      }
    }
    advance(to: max(end, now))
  }

  /// Accrues pod-seconds and time at zero up to `time`.
  mutating func advance(to time: Double) {
    record.advance(to: min(time, end), pods: podReadyTimes.count, atZero: replicas == 0)
  }

  // MARK: - Requests

  /// How long the interceptor holds a request, and what happens when the hold runs out.
  var holdLimit: (seconds: Double, outcome: HoldOutcome) {
    guard let interceptor = app.interceptor else { return (0, .lost(.noReadyPod)) }
    let interceptorLimit = interceptor.fallbackAfter ?? interceptor.conditionWait
    let interceptorOutcome: HoldOutcome = interceptor.fallbackAfter == nil ? .lost(.conditionWait) : .fallback
    return app.routeTimeout <= interceptorLimit ? (app.routeTimeout, .lost(.routeTimeout)) : (interceptorLimit, interceptorOutcome)
  }

  enum HoldOutcome {
    case lost(LossReason)
    case fallback
  }

  mutating func arrive(_ index: Int, at time: Double) {
    if readyPods(at: time) > 0 {
      serve(index, at: time, waited: 0)
      return
    }
    guard app.interceptor != nil else {
      record.lost(.noReadyPod, waited: 0)
      return
    }
    record.coldStart(at: time)
    held.append(index)
    if replicas == 0 && pendingWake == nil { pendingWake = time + parameters.activationDelay }
  }

  mutating func serve(_ index: Int, at time: Double, waited: Double) {
    let service = trace.serviceTimes?[index] ?? parameters.serviceTime
    if waited + service > app.routeTimeout {
      record.lost(.routeTimeout, waited: waited)
    } else {
      record.served(waited: waited)
    }
    serving.push(time + min(service, max(app.routeTimeout - waited, 0)))
  }

  mutating func releaseHeld(at time: Double) {
    guard readyPods(at: time) > 0 else { return }
    while heldStart < held.count {
      let index = held[heldStart]
      heldStart += 1
      serve(index, at: time, waited: time - trace.arrivals[index])
    }
    compactHeld()
  }

  mutating func giveUpHeld(at time: Double) {
    let limit = holdLimit
    while heldStart < held.count, trace.arrivals[held[heldStart]] + limit.seconds <= time {
      heldStart += 1
      switch limit.outcome {
      case .lost(let reason): record.lost(reason, waited: limit.seconds)
      case .fallback: record.fallback(waited: limit.seconds)
      }
      lastCompletion = time
    }
    compactHeld()
  }

  mutating func compactHeld() {
    if heldStart == held.count {
      held.removeAll(keepingCapacity: true)
      heldStart = 0
    }
  }

  // MARK: - Pods

  func readyPods(at time: Double) -> Int {
    var count = 0
    for ready in podReadyTimes where ready <= time { count += 1 }
    return count
  }

  func nextPodReady(after time: Double) -> Double {
    var next = Double.infinity
    for ready in podReadyTimes where ready > time && ready < next { next = ready }
    return next
  }

  /// When a pod created at `created` is ready: the app answers `podStart` later, the startup probe
  /// sees it at its next period, and the kubelet runs the readiness probe at once after the startup
  /// probe succeeds (kubelet `prober_manager.go` `UpdatePodStatus` triggers it); without a startup
  /// probe, the readiness probe's next period. A hibernated database must resume first.
  func readyTime(created: Double) -> Double {
    let answers = created + parameters.podStart
    func nextProbe(_ probe: Probe, from: Double) -> Double {
      let first = created + probe.initialDelaySeconds
      guard from > first else { return first }
      return first + ((from - first) / probe.periodSeconds).rounded(.up) * probe.periodSeconds
    }
    var ready = answers
    if let startup = app.probes.startup {
      ready = nextProbe(startup, from: answers)
    } else if let readiness = app.probes.readiness {
      ready = nextProbe(readiness, from: answers)
    }
    return max(ready, databaseReadyAt)
  }

  mutating func setReplicas(_ desired: Int, at time: Double) {
    guard desired != replicas else { return }
    if desired > replicas {
      podReadyTimes += (replicas..<desired).map { _ in readyTime(created: time) }
    } else {
      // The ReplicaSet deletes pods that are not ready first, then the newest.
      podReadyTimes.sort { ($0 <= time ? 0 : 1, $0) < ($1 <= time ? 0 : 1, $1) }
      podReadyTimes.removeLast(replicas - desired)
    }
    replicas = desired
    record.replicasChanged(at: time, replicas: replicas, ready: readyPods(at: time))
  }

  // MARK: - KEDA

  mutating func scaleFromZero(at time: Double) {
    guard let scaledObject = app.scaledObject else { return }
    if databaseHibernated {
      databaseReadyAt = time + parameters.databaseResume
      databaseHibernated = false
    }
    record.wake()
    lastActive = time
    setReplicas(max(scaledObject.minReplicas, 1), at: time)
  }

  /// The interceptor's metric now: requests in flight (held or served), or its request rate.
  func interceptorMetric(at time: Double) -> Double {
    switch app.interceptor?.metric {
    case .requestRate(_, let window)?:
      let arrived = trace.arrivals.count(atOrBefore: time) - trace.arrivals.count(atOrBefore: time - window)
      return (Double(arrived) / window).rounded(.up)
    default:
      return Double(held.count - heldStart + serving.count)
    }
  }

  func cronReplicas(at time: Double) -> [Int] {
    guard case let minute = Int((time / 60).rounded(.down)), minute >= 0 else { return [] }
    var result: [Int] = []
    var windows = 0
    for trigger in app.scaledObject?.triggers ?? [] {
      guard case .cron(let window) = trigger else { continue }
      let open = cronOpen[windows]
      windows += 1
      result.append(minute < open.count && open[minute] ? window.replicas : 0)
    }
    return result
  }

  /// Whether any trigger is active now (KEDA v2.19.0 `scale_handler.go`: any trigger), and the time the
  /// interceptor's scaler last reported activity (it streams `active` every 200 ms while its metric is
  /// above zero, and each report refreshes KEDA's `lastActiveTime`).
  func activity(at time: Double) -> (active: Bool, interceptorLastActive: Double?) {
    var active = false
    var interceptorLast: Double?
    for trigger in app.scaledObject?.triggers ?? [] {
      switch trigger {
      case .interceptor:
        if interceptorMetric(at: time) > 0 {
          active = true
        } else if case .requestRate(_, let window)? = app.interceptor?.metric {
          let arrived = trace.arrivals.count(atOrBefore: time)
          interceptorLast = arrived > 0 ? min(trace.arrivals[arrived - 1] + window, time) : nil
        } else {
          interceptorLast = lastCompletion.isFinite ? lastCompletion : nil
        }
      case .requestRate(_, _, let activation, _):
        if (prometheus?.value(at: time) ?? 0) > activation { active = true }
      case .cron: break
      }
    }
    if cronReplicas(at: time).contains(where: { $0 > 0 }) { active = true }
    return (active, interceptorLast)
  }

  /// KEDA's polling loop: from zero when a trigger is active; to zero when none is and the cooldown
  /// since the last activity has passed (`scale_scaledobjects.go`).
  mutating func poll(at time: Double) {
    guard let scaledObject = app.scaledObject else { return }
    let (active, interceptorLast) = activity(at: time)
    if let interceptorLast, replicas > 0 { lastActive = max(lastActive ?? interceptorLast, interceptorLast) }
    if active {
      if replicas == 0 {
        scaleFromZero(at: time)
      } else {
        lastActive = time
      }
      return
    }
    guard scaledObject.minReplicas == 0, replicas > 0 else {
      if replicas < scaledObject.minReplicas { setReplicas(scaledObject.minReplicas, at: time) }
      return
    }
    let idleSince = lastActive ?? -Double.infinity
    guard idleSince + scaledObject.cooldownPeriod < time else { return }
    setReplicas(0, at: time)
    databaseHibernated = app.databaseHibernates
  }

  // MARK: - The HPA

  mutating func hpaSync(at time: Double) {
    guard replicas > 0, var controller = hpa, let scaledObject = app.scaledObject else { return }
    var metrics: [HorizontalPodAutoscaler.Metric] = []
    let cron = cronReplicas(at: time)
    var cronIndex = 0
    for trigger in scaledObject.triggers {
      switch trigger {
      case .interceptor:
        let target: Double
        switch app.interceptor?.metric {
        case .concurrency(let value)?: target = value
        case .requestRate(let value, _)?: target = value
        case nil: target = InterceptorModel.defaultTarget
        }
        metrics.append(.averageValue(value: interceptorMetric(at: time), target: target))
      case .requestRate(_, let threshold, _, let averageValue):
        let value = prometheus?.value(at: time) ?? 0
        metrics.append(averageValue ? .averageValue(value: value, target: threshold) : .value(value: value, target: threshold))
      case .cron:
        metrics.append(.averageValue(value: Double(cron[cronIndex]), target: 1))
        cronIndex += 1
      }
    }
    let desired = controller.sync(metrics: metrics, currentReplicas: replicas, readyPods: readyPods(at: time), now: time)
    hpa = controller
    setReplicas(desired, at: time)
  }

  func outcome() -> SimulationOutcome {
    record.outcome(duration: end)
  }
}

/// A binary min-heap of completion times.
struct MinHeap {
  private var items: [Double] = []

  var minimum: Double? { items.first }
  var count: Int { items.count }
  var isEmpty: Bool { items.isEmpty }

  mutating func push(_ value: Double) {
    items.append(value)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard items[child] < items[parent] else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> Double? {
    guard let first = items.first else { return nil }
    let last = items.removeLast()
    guard !items.isEmpty else { return first }
    items[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < items.count, items[left] < items[smallest] { smallest = left }
      if right < items.count, items[right] < items[smallest] { smallest = right }
      guard smallest != parent else { return first }
      items.swapAt(parent, smallest)
      parent = smallest
    }
  }
}
