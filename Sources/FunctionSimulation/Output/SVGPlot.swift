/// Plots as SVG text, readable at a glance: no scripts, no external fonts.
public enum SVGPlot {
  static let width = 960.0
  static let left = 70.0
  static let right = 20.0
  static var plotWidth: Double { width - left - right }

  /// Three panels over one time axis: requests per interval, replicas (set and ready), and cold starts.
  public static func timeline(_ outcome: SimulationOutcome, arrivals: [Double], title: String) -> String {
    let duration = max(outcome.durationSeconds, 1)
    let bucket = bucketSeconds(duration)
    let buckets = Int((duration / bucket).rounded(.up))
    var load = [Int](repeating: 0, count: buckets)
    for time in arrivals { load[min(Int(time / bucket), buckets - 1)] += 1 }
    var cold = [Int](repeating: 0, count: buckets)
    for time in outcome.coldStartTimes { cold[min(Int(time / bucket), buckets - 1)] += 1 }
    let maxReplicas = max(outcome.timeline.map(\.replicas).max() ?? 1, 1)
    func x(_ time: Double) -> Double { left + time / duration * plotWidth }

    var svg = header(height: 560, title: title)
    let summary =
      "\(outcome.requests) requests, \(outcome.coldStarts) cold starts (\(TextReport.percent(outcome.coldStartFraction))), "
      + "p99 added wait \(TextReport.seconds(outcome.waitSeconds.p99)), \(outcome.lost) lost, "
      + "\(TextReport.hours(outcome.podSeconds)) pod-hours"
      + (outcome.saving.map { ", \(TextReport.percent($0)) fewer than always on" } ?? "")
    svg += text(x: left, y: 44, summary, size: 12, color: "#333")

    // Requests per bucket.
    let loadTop = 70.0
    let loadHeight = 150.0
    let maxLoad = max(load.max() ?? 1, 1)
    svg += panel(top: loadTop, height: loadHeight, label: "requests / \(TextReport.duration(bucket))", maxValue: Double(maxLoad))
    var loadPath = "M\(f(x(0))),\(f(loadTop + loadHeight))"
    for (index, count) in load.enumerated() {
      let y = loadTop + loadHeight - Double(count) / Double(maxLoad) * loadHeight
      loadPath += " L\(f(x(Double(index) * bucket))),\(f(y)) L\(f(x(min(Double(index + 1) * bucket, duration)))),\(f(y))"
    }
    loadPath += " L\(f(x(duration))),\(f(loadTop + loadHeight)) Z"
    svg += "<path d=\"\(loadPath)\" fill=\"#9ecae1\" stroke=\"#3182bd\" stroke-width=\"0.6\"/>\n"

    // Replicas per bucket: the mean of the ready pods (area) and the most KEDA or the HPA set (line).
    let replicasTop = 250.0
    let replicasHeight = 150.0
    let (meanReady, mostSet) = replicasPerBucket(outcome.timeline, bucket: bucket, buckets: buckets, duration: duration)
    svg += panel(
      top: replicasTop, height: replicasHeight, label: "replicas (area: mean ready, line: most set) / \(TextReport.duration(bucket))",
      maxValue: Double(maxReplicas))
    func y(_ replicas: Double) -> Double { replicasTop + replicasHeight - replicas / Double(maxReplicas) * replicasHeight }
    var readyPath = "M\(f(x(0))),\(f(y(0)))"
    var setPath = ""
    for index in 0..<buckets {
      let from = x(Double(index) * bucket)
      let to = x(min(Double(index + 1) * bucket, duration))
      readyPath += " L\(f(from)),\(f(y(meanReady[index]))) L\(f(to)),\(f(y(meanReady[index])))"
      setPath += (index == 0 ? "M" : " L") + "\(f(from)),\(f(y(Double(mostSet[index])))) L\(f(to)),\(f(y(Double(mostSet[index]))))"
    }
    readyPath += " L\(f(x(duration))),\(f(y(0))) Z"
    svg += "<path d=\"\(readyPath)\" fill=\"#a1d99b\" stroke=\"none\"/>\n"
    svg += "<path d=\"\(setPath)\" fill=\"none\" stroke=\"#238b45\" stroke-width=\"1.2\"/>\n"

    // Cold starts per bucket.
    let coldTop = 430.0
    let coldHeight = 80.0
    let maxCold = max(cold.max() ?? 1, 1)
    svg += panel(top: coldTop, height: coldHeight, label: "cold starts / \(TextReport.duration(bucket))", maxValue: Double(maxCold))
    for (index, count) in cold.enumerated() where count > 0 {
      let height = Double(count) / Double(maxCold) * coldHeight
      let barWidth = max(x(Double(index + 1) * bucket) - x(Double(index) * bucket), 1)
      svg +=
        "<rect x=\"\(f(x(Double(index) * bucket)))\" y=\"\(f(coldTop + coldHeight - height))\" width=\"\(f(barWidth))\" "
        + "height=\"\(f(height))\" fill=\"#de2d26\"/>\n"
    }
    svg += timeAxis(duration: duration, top: coldTop + coldHeight)
    return svg + "</svg>\n"
  }

  /// The trade-off of a sweep: cold-start share against pod-hours, one point per value, the budget
  /// as a line and the recommended value ringed.
  public static func sweep(
    field: String, _ rows: [SweepReport.Row], recommended: Int?, maxColdFraction: Double?
  ) -> String {
    let top = 70.0
    let height = 380.0
    let maxCold = max((rows.map(\.outcome.coldStartFraction) + [maxColdFraction ?? 0]).max() ?? 0, 0.0001) * 1.1
    let maxHours = max(rows.map(\.outcome.podSeconds).max() ?? 0, 1) / 3600 * 1.1
    func x(_ fraction: Double) -> Double { left + fraction / maxCold * plotWidth }
    func y(_ podSeconds: Double) -> Double { top + height - podSeconds / 3600 / maxHours * height }
    var svg = header(height: 500, title: "Sweep of \(field): cold starts against pod-hours")
    svg += text(x: left, y: 44, "each point is one value of \(field); lower left is better", size: 12, color: "#333")
    svg += panel(top: top, height: height, label: "pod-hours", maxValue: maxHours)
    for step in 0...4 {
      let fraction = maxCold * Double(step) / 4
      svg += text(x: x(fraction), y: top + height + 16, TextReport.percent(fraction), size: 11, color: "#555", anchor: "middle")
    }
    svg += text(
      x: left + plotWidth / 2, y: top + height + 36, "share of requests that met a cold start", size: 12, color: "#333", anchor: "middle")
    if let maxColdFraction {
      svg +=
        "<line x1=\"\(f(x(maxColdFraction)))\" y1=\"\(f(top))\" x2=\"\(f(x(maxColdFraction)))\" y2=\"\(f(top + height))\" "
        + "stroke=\"#de2d26\" stroke-dasharray=\"4 3\"/>\n"
      svg += text(x: x(maxColdFraction) + 4, y: top + 12, "budget \(TextReport.percent(maxColdFraction))", size: 11, color: "#de2d26")
    }
    var path = ""
    for (index, row) in rows.enumerated() {
      let px = x(row.outcome.coldStartFraction)
      let py = y(row.outcome.podSeconds)
      path += (index == 0 ? "M" : " L") + "\(f(px)),\(f(py))"
    }
    svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#bbb\"/>\n"
    for (index, row) in rows.enumerated() {
      let px = x(row.outcome.coldStartFraction)
      let py = y(row.outcome.podSeconds)
      let color = row.outcome.lost > 0 ? "#de2d26" : "#3182bd"
      svg += "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"4\" fill=\"\(color)\"/>\n"
      if index == recommended {
        svg += "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"9\" fill=\"none\" stroke=\"#238b45\" stroke-width=\"2\"/>\n"
      }
      svg += text(
        x: px + 8, y: py - 6, "\(field)=\(row.value)" + (row.outcome.lost > 0 ? " (\(row.outcome.lost) lost)" : ""), size: 11, color: "#333"
      )
    }
    return svg + "</svg>\n"
  }

  /// For each bucket, the time-weighted mean of the ready pods and the most replicas set.
  static func replicasPerBucket(
    _ timeline: [SimulationOutcome.TimelinePoint], bucket: Double, buckets: Int, duration: Double
  ) -> (meanReady: [Double], mostSet: [Int]) {
    var readySeconds = [Double](repeating: 0, count: buckets)
    var mostSet = [Int](repeating: 0, count: buckets)
    for (index, point) in timeline.enumerated() where point.time < duration {
      let end = index + 1 < timeline.count ? min(timeline[index + 1].time, duration) : duration
      var time = max(point.time, 0)
      while time < end {
        let slot = min(Int(time / bucket), buckets - 1)
        let slotEnd = min(Double(slot + 1) * bucket, end)
        readySeconds[slot] += Double(point.ready) * (slotEnd - time)
        mostSet[slot] = max(mostSet[slot], point.replicas)
        time = slotEnd > time ? slotEnd : end
      }
    }
    let meanReady = readySeconds.enumerated().map { slot, seconds in
      seconds / max(min(Double(slot + 1) * bucket, duration) - Double(slot) * bucket, 1e-9)
    }
    return (meanReady, mostSet)
  }

  // MARK: - Pieces

  static func header(height: Double, title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
      + "font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      + text(x: left, y: 24, title, size: 16, color: "#111")
  }

  static func panel(top: Double, height: Double, label: String, maxValue: Double) -> String {
    var svg = "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(height))\" fill=\"none\" stroke=\"#ccc\"/>\n"
    svg += text(x: left, y: top - 5, label, size: 11, color: "#555")
    svg += text(x: left - 6, y: top + 10, number(maxValue), size: 11, color: "#555", anchor: "end")
    svg += text(x: left - 6, y: top + height, "0", size: 11, color: "#555", anchor: "end")
    return svg
  }

  static func timeAxis(duration: Double, top: Double) -> String {
    let steps: [Double] = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400]
    let step = steps.first { duration / $0 <= 12 } ?? 7 * 86_400
    var svg = ""
    var time = 0.0
    while time <= duration + 0.001 {
      let x = left + time / duration * plotWidth
      svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + 4))\" stroke=\"#555\"/>\n"
      svg += text(x: x, y: top + 17, clock(time), size: 11, color: "#555", anchor: "middle")
      time += step
    }
    return svg + text(x: left + plotWidth / 2, y: top + 36, "time from the start of the trace", size: 12, color: "#333", anchor: "middle")
  }

  /// A bucket that gives at most about 300 bars: 1, 5 or 15 minutes, or 1 hour.
  static func bucketSeconds(_ duration: Double) -> Double {
    [60.0, 300, 900, 3600].first { duration / $0 <= 300 } ?? 3600
  }

  static func clock(_ seconds: Double) -> String {
    let minutes = Int(seconds / 60)
    if minutes % 1440 == 0 && minutes > 0 { return "\(minutes / 1440)d" }
    if minutes >= 1440 { return "\(minutes / 1440)d\(minutes % 1440 / 60)h" }
    if minutes % 60 == 0 { return "\(minutes / 60)h" }
    return "\(minutes / 60)h\(minutes % 60)m"
  }

  static func text(x: Double, y: Double, _ content: String, size: Int, color: String, anchor: String = "start") -> String {
    "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" fill=\"\(color)\" text-anchor=\"\(anchor)\">\(escape(content))</text>\n"
  }

  static func number(_ value: Double) -> String {
    Int(exactly: value).map(String.init) ?? TextReport.format(value, digits: 1)
  }

  static func f(_ value: Double) -> String { TextReport.format(value, digits: 1) }

  static func escape(_ text: String) -> String {
    text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
  }
}
