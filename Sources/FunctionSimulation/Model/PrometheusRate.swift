/// What the composed request-rate query returns: Prometheus' `rate()` of Envoy's request counter,
/// scraped every `scrapeInterval`, over the query's range. The counter counts a request when it
/// arrives (Envoy's `upstream_rq_total`), and Prometheus sees it only at the next scrape.
///
/// `rate()` follows Prometheus v3 `promql/functions.go` `extrapolatedRate`: the samples in the
/// left-open range (t - range, t]; nothing from fewer than two; the increase extrapolated towards the
/// range's ends by at most half the average sample interval (when a sample is more than 1.1 intervals
/// from an end), and for a counter not below zero.
struct PrometheusRate {
  /// The request arrival times, ascending: the counter at time t is the number of them at or before t.
  let arrivals: [Double]
  let scrapeInterval: Double
  let range: Double
  /// The scrapes' offset into their period, in seconds. Prometheus scraped before the trace began
  /// (when the counter stood where it starts).
  var scrapeOffset = 0.0

  /// The query's value at `now`; 0 when Prometheus returns nothing (KEDA's `ignoreNullValues`).
  func value(at now: Double) -> Double {
    func scrape(atOrBefore time: Double) -> Double {
      scrapeOffset + ((time - scrapeOffset) / scrapeInterval).rounded(.down) * scrapeInterval
    }
    let lastScrape = scrape(atOrBefore: now)
    let rangeStart = now - range
    // Scrape times in (rangeStart, now].
    let firstScrape = scrape(atOrBefore: rangeStart) + scrapeInterval
    guard lastScrape > firstScrape else { return 0 }
    let samples = ((lastScrape - firstScrape) / scrapeInterval).rounded() + 1
    let firstValue = Double(arrivals.count(atOrBefore: firstScrape))
    let lastValue = Double(arrivals.count(atOrBefore: lastScrape))
    let increase = lastValue - firstValue
    guard increase > 0 else { return 0 }
    let sampledInterval = lastScrape - firstScrape
    let averageInterval = sampledInterval / (samples - 1)
    let threshold = averageInterval * 1.1
    var toStart = firstScrape - rangeStart
    var toEnd = now - lastScrape
    if toStart >= threshold { toStart = averageInterval / 2 }
    // A counter does not extrapolate below zero.
    if firstValue >= 0 {
      let toZero = sampledInterval * (firstValue / increase)
      if toZero < toStart { toStart = toZero }
    }
    if toEnd >= threshold { toEnd = averageInterval / 2 }
    let extrapolated = increase * (sampledInterval + toStart + toEnd) / sampledInterval
    return extrapolated / range
  }
}

extension [Double] {
  /// How many of these ascending times are before `time`.
  func count(before time: Double) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self[middle] < time { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// How many of these ascending times are at or before `time` (binary search).
  func count(atOrBefore time: Double) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self[middle] <= time { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
