/// The add-on's request rate (v0.12.2 `pkg/queue/bucketing.go`, after Knative's): requests counted
/// in buckets of `granularity` as they arrive at the interceptor, and averaged over the buckets that
/// hold data. After a whole `window` without a request the count starts again (`firstWrite`), so
/// a burst after an idle spell is averaged over the seconds since it began, not over the window.
/// The scaler reports the average floored to 3 decimals, rounded up to an integer
/// (`scaler/handlers.go`).
struct RequestRateWindow {
  let arrivals: [Double]
  let window: Double
  let granularity: Double
  /// For each request, the bucket where its run of requests began (a gap of a window starts a run).
  let runStart: [Double]

  init(arrivals: [Double], window: Double, granularity: Double) {
    self.arrivals = arrivals
    self.window = window
    self.granularity = granularity
    var runStart: [Double] = []
    runStart.reserveCapacity(arrivals.count)
    var previous: Double?
    for time in arrivals {
      let bucket = (time / granularity).rounded(.down) * granularity
      if let last = previous, bucket - last < window, let start = runStart.last {
        runStart.append(start)
      } else {
        runStart.append(bucket)
      }
      previous = bucket
    }
    self.runStart = runStart
  }

  /// `WindowAverage` at `now`, in requests per second, as the external scaler reports it.
  func metric(at now: Double) -> Double {
    let arrived = arrivals.count(atOrBefore: now)
    guard arrived > 0 else { return 0 }
    let nowBucket = (now / granularity).rounded(.down) * granularity
    let lastWrite = (arrivals[arrived - 1] / granularity).rounded(.down) * granularity
    guard nowBucket - lastWrite < window else { return 0 }
    let buckets = (window / granularity).rounded(.up)
    let valid = min(((lastWrite - runStart[arrived - 1]) / granularity).rounded(.down) + 1, buckets)
    // The buckets (now - window, now], counted from the first request of the oldest one kept.
    let oldest = nowBucket - (buckets - 1) * granularity
    let inWindow = arrived - arrivals.count(before: oldest)
    let average = (Double(inWindow) / valid * 1000).rounded(.down) / 1000
    return average.rounded(.up)
  }
}
