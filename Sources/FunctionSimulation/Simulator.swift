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
  /// The app took longer than the interceptor's `responseHeader` for its first byte: 502.
  case responseHeader
  /// The route goes straight to the app's Service and no pod is ready: Envoy's 503.
  case noReadyPod
}

/// One simulated run, mutated as time advances.
struct SimulationRun {
  let app: ComposedApp
  let trace: Trace
  let parameters: SimulationParameters
  let end: Double

  // What KEDA and the HPA set, and the pods that exist: their ready times, in creation order, which
  // is also the order of their ready times (each is the later of its start and the database's).
  var replicas: Int
  var podReadyTimes: [Double] = []
  var hpa: HorizontalPodAutoscaler?
  var lastActive: Double?
  var pendingWake: Double?
  var databaseReadyAt = -Double.infinity
  /// Since when the app has sat at zero (its database hibernates `databaseHibernateAfter` later).
  var atZeroSince: Double?

  // Requests: those held by the interceptor (arrival index, in arrival order) and those being served
  // (their completion times).
  var held: [Int] = []
  var heldStart = 0
  var serving = MinHeap()
  var lastCompletion = -Double.infinity

  // Metrics' inputs, one per trigger (nil for the others), and the record of what happened.
  let prometheus: [PrometheusRate?]
  let cronOpen: [[Bool]?]
  let requestRate: RequestRateWindow?
  /// The minute of the trace's second 0, counted as the cron windows count theirs.
  let firstMinute: Double
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
    let start = trace.startEpochSeconds ?? parameters.startEpochSeconds
    firstMinute = (start / 60).rounded(.down)
    let triggers = scaledObject?.triggers ?? []
    // Within a year (`Trace.checkSpan`), or only the first year's windows.
    let minutes = Int(min(((start + trace.duration) / 60).rounded(.up) - firstMinute, Trace.longestSeconds / 60)) + 1
    prometheus = triggers.map { trigger in
      guard case .requestRate(let window, _, _, _) = trigger else { return nil }
      return PrometheusRate(
        arrivals: trace.arrivals, scrapeInterval: parameters.scrapeInterval, range: window,
        scrapeOffset: parameters.scrapePhase * parameters.scrapeInterval)
    }
    cronOpen = triggers.map { trigger in
      guard case .cron(let window) = trigger else { return nil }
      return window.openMinutes(startEpochSeconds: start, minutes: minutes)
    }
    if case .requestRate(_, let window, let granularity)? = app.interceptor?.metric {
      requestRate = RequestRateWindow(arrivals: trace.arrivals, window: window, granularity: granularity)
    } else {
      requestRate = nil
    }
    record = SimulationRecord(requests: trace.arrivals.count)
    // The app has run before the trace starts: its pods are up, or it has sat at zero long enough
    // for its database to sleep.
    podReadyTimes = Array(repeating: -Double.infinity, count: replicas)
    if replicas == 0 { atZeroSince = -Double.infinity }
  }

  // MARK: - The event loop

  mutating func replay() {
    let polling = app.scaledObject?.pollingInterval ?? .infinity
    let sync = parameters.hpaSyncPeriod
    var nextPoll = app.scaledObject == nil ? Double.infinity : parameters.pollPhase * polling
    var nextSync = app.scaledObject == nil ? Double.infinity : parameters.syncPhase * sync
    var nextArrival = 0
    var now = 0.0
    record.replicasChanged(at: 0, replicas: replicas, ready: readyPods(at: 0))
    while true {
      let arrival = nextArrival < trace.arrivals.count ? trace.arrivals[nextArrival] : Double.infinity
      let completion = serving.minimum ?? .infinity
      let ready = nextPodReady(after: now)
      let giveUp = heldStart < held.count ? trace.arrivals[held[heldStart]] + holdLimit.seconds : .infinity
      let wake = pendingWake ?? .infinity
      let ticks = min(nextPoll, nextSync)
      // Past the end only what is in flight is followed; the timers stop.
      let inFlight = min(arrival, completion, ready, giveUp, wake)
      let next = min(inFlight, ticks <= end ? ticks : .infinity)
      guard next < .infinity, next <= end || inFlight < .infinity else { break }
      if next > end && arrival == .infinity && serving.isEmpty && heldStart == held.count { break }
      advance(to: next)
      now = next
      // At one instant: requests finish, pods become ready, held requests give up, then KEDA and the
      // HPA act, then new requests arrive (so a request arriving with a pod's readiness is served).
      if completion == next {
        _ = serving.pop()
        lastCompletion = next
      } else if ready == next {
        record.replicasChanged(at: next, replicas: replicas, ready: readyPods(at: next))
      } else if giveUp == next {
        giveUpHeld(at: next)
      } else if wake == next {
        pendingWake = nil
        if replicas == 0 { scaleFromZero(at: next) }
      } else if nextPoll == next {
        poll(at: next)
        nextPoll += polling
      } else if nextSync == next {
        hpaSync(at: next)
        nextSync += sync
      } else {
        arrive(nextArrival, at: next)
        nextArrival += 1
      }
      // A pod ready at this instant (becoming ready now, or created ready) serves what is held.
      if heldStart < held.count { releaseHeld(at: next) }
    }
    advance(to: end)
  }

  /// Accrues pod-seconds and time at zero up to `time` (not beyond the trace's end).
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

  /// A request reaches a ready pod after `waited`: the interceptor gives the app `responseHeader`
  /// for its first byte, the gateway the rest of its route timeout for the whole answer.
  mutating func serve(_ index: Int, at time: Double, waited: Double) {
    let service = trace.serviceTimes?[index] ?? parameters.serviceTime
    var finished = time + service
    if let interceptor = app.interceptor, service > interceptor.responseHeader, waited + interceptor.responseHeader < app.routeTimeout {
      record.lost(.responseHeader, waited: waited)
      finished = time + interceptor.responseHeader
    } else if waited + service > app.routeTimeout {
      record.lost(.routeTimeout, waited: waited)
      finished = time + max(app.routeTimeout - waited, 0)
    } else {
      record.served(waited: waited)
    }
    serving.push(finished)
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

  func readyPods(at time: Double) -> Int { podReadyTimes.count(atOrBefore: time) }

  func nextPodReady(after time: Double) -> Double {
    let index = podReadyTimes.count(atOrBefore: time)
    return index < podReadyTimes.count ? podReadyTimes[index] : .infinity
  }

  /// When a pod created at `created` is ready (kubelet `pkg/kubelet/prober/worker.go`). Each probe's
  /// worker ticks every `periodSeconds` from the pod's start; a tick before `initialDelaySeconds`
  /// probes nothing. The app answers `podStart` after the creation, and the startup probe sees it at
  /// its next tick; after `failureThreshold` failed runs the kubelet restarts the container instead,
  /// and the pod is never ready. When the startup probe succeeds, the kubelet runs the readiness
  /// probe at once (`prober_manager.go` `UpdatePodStatus`), or at its first tick past its own delay.
  /// Without a startup probe, the readiness probe's ticks decide. A hibernated database must
  /// resume too.
  func readyTime(created: Double) -> Double {
    let podStart = parameters.podStart
    /// The first tick of a probe, counted from the creation, at or after `offset` and its delay.
    func firstTick(_ probe: Probe, atOrAfter offset: Double) -> Double {
      let wanted = max(offset, probe.initialDelaySeconds)
      guard probe.periodSeconds > 0 else { return wanted }
      // Counted in whole periods, so that rounding the sum cannot add one.
      return (wanted / probe.periodSeconds - 1e-9).rounded(.up) * probe.periodSeconds
    }
    var ready = podStart
    if let startup = app.probes.startup {
      let started = firstTick(startup, atOrAfter: podStart)
      let lastRun = firstTick(startup, atOrAfter: 0) + (startup.failureThreshold - 1) * startup.periodSeconds
      guard started <= lastRun + 1e-9 else { return .infinity }
      ready = started
      if let readiness = app.probes.readiness, readiness.initialDelaySeconds > started {
        ready = firstTick(readiness, atOrAfter: started)
      }
    } else if let readiness = app.probes.readiness {
      ready = firstTick(readiness, atOrAfter: podStart)
    }
    return max(created + ready, databaseReadyAt)
  }

  mutating func setReplicas(_ desired: Int, at time: Double) {
    guard desired != replicas else { return }
    if desired > replicas {
      podReadyTimes += (replicas..<desired).map { _ in readyTime(created: time) }
    } else {
      // The ReplicaSet deletes the pods that are not ready first, then the newest: the last ones.
      podReadyTimes.removeLast(replicas - desired)
    }
    if desired == 0 { atZeroSince = time } else if replicas == 0 { atZeroSince = nil }
    replicas = desired
    record.replicasChanged(at: time, replicas: replicas, ready: readyPods(at: time))
  }

  // MARK: - KEDA

  mutating func scaleFromZero(at time: Double) {
    guard let scaledObject = app.scaledObject else { return }
    if app.databaseHibernates, let since = atZeroSince, time - since >= parameters.databaseHibernateAfter {
      databaseReadyAt = time + parameters.databaseResume
    }
    record.wake()
    lastActive = time
    setReplicas(max(scaledObject.minReplicas, 1), at: time)
  }

  /// The interceptor's metric now: requests in flight (held or served), or its request rate.
  func interceptorMetric(at time: Double) -> Double {
    if let requestRate { return requestRate.metric(at: time) }
    return Double(held.count - heldStart + serving.count)
  }

  /// Each cron trigger's replicas now (0 outside its window, and for a time zone KEDA cannot load).
  func cronReplicas(_ index: Int, at time: Double) -> Int? {
    guard case .cron(let window)? = app.scaledObject?.triggers[index] else { return nil }
    guard let open = cronOpen[index] else { return 0 }
    let minute = Int((((trace.startEpochSeconds ?? parameters.startEpochSeconds) + time) / 60).rounded(.down) - firstMinute)
    return minute >= 0 && minute < open.count && open[minute] ? window.replicas : 0
  }

  /// Whether any trigger is active now (KEDA v2.19.0 `scale_handler.go`: any trigger), and the time the
  /// interceptor's scaler last reported activity (it streams `active` every 200 ms while its metric is
  /// above zero, and each report refreshes KEDA's `lastActiveTime`).
  func activity(at time: Double) -> (active: Bool, interceptorLastActive: Double?) {
    var active = false
    var interceptorLast: Double?
    for (index, trigger) in (app.scaledObject?.triggers ?? []).enumerated() {
      switch trigger {
      case .interceptor:
        if interceptorMetric(at: time) > 0 {
          active = true
        } else if let requestRate {
          let arrived = trace.arrivals.count(atOrBefore: time)
          interceptorLast = arrived > 0 ? min(trace.arrivals[arrived - 1] + requestRate.window, time) : nil
        } else {
          interceptorLast = lastCompletion.isFinite ? lastCompletion : nil
        }
      case .requestRate(_, _, let activation, _):
        if (prometheus[index]?.value(at: time) ?? 0) > activation { active = true }
      case .cron:
        if (cronReplicas(index, at: time) ?? 0) > 0 { active = true }
      }
    }
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
  }

  // MARK: - The HPA

  mutating func hpaSync(at time: Double) {
    guard replicas > 0, var controller = hpa, let scaledObject = app.scaledObject else { return }
    var metrics: [HorizontalPodAutoscaler.Metric] = []
    for (index, trigger) in scaledObject.triggers.enumerated() {
      switch trigger {
      case .interceptor:
        let target: Double
        switch app.interceptor?.metric {
        case .concurrency(let value)?: target = value
        case .requestRate(let value, _, _)?: target = value
        case nil: target = InterceptorModel.defaultTarget
        }
        metrics.append(.averageValue(value: interceptorMetric(at: time), target: target))
      case .requestRate(_, let threshold, _, let averageValue):
        let value = prometheus[index]?.value(at: time) ?? 0
        metrics.append(averageValue ? .averageValue(value: value, target: threshold) : .value(value: value, target: threshold))
      case .cron:
        metrics.append(.averageValue(value: Double(cronReplicas(index, at: time) ?? 0), target: 1))
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
