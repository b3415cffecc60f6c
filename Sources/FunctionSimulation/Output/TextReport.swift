/// The outcome for a person: what users saw, then what it cost.
public enum TextReport {
  public static func render(_ outcome: SimulationOutcome, notes: [String]) -> String {
    var lines: [String] = []
    let requests = outcome.requests
    lines.append("requests             \(requests) over \(duration(outcome.durationSeconds))")
    lines.append(
      "cold starts          \(outcome.coldStarts) (\(percent(outcome.coldStartFraction)) of requests) in \(outcome.wakes) wake\(outcome.wakes == 1 ? "" : "s")"
    )
    let wait = outcome.waitSeconds
    lines.append(
      "added wait, all      p50 \(seconds(wait.p50))  p95 \(seconds(wait.p95))  p99 \(seconds(wait.p99))  max \(seconds(wait.max))")
    let cold = outcome.coldStartWaitSeconds
    lines.append(
      "added wait, cold     p50 \(seconds(cold.p50))  p95 \(seconds(cold.p95))  p99 \(seconds(cold.p99))  max \(seconds(cold.max))")
    let reasons = outcome.lostBy.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    lines.append("lost                 \(outcome.lost)\(reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")")
    if outcome.fallback > 0 { lines.append("answered by fallback \(outcome.fallback)") }
    lines.append(
      "time at zero         \(duration(outcome.timeAtZeroSeconds)) (\(percent(outcome.durationSeconds > 0 ? outcome.timeAtZeroSeconds / outcome.durationSeconds : 0)))"
    )
    lines.append("pod-hours            \(hours(outcome.podSeconds))")
    if let alwaysOn = outcome.alwaysOnPodSeconds {
      lines.append("always on            \(hours(alwaysOn)) pod-hours (the same App, never at zero)")
      if let saving = outcome.saving { lines.append("saving               \(percent(saving)) of the pod-hours") }
    }
    for note in notes { lines.append("note                 \(note)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One line per swept value, and the recommendation.
  public static func sweep(
    field: String, _ rows: [SweepReport.Row], recommended: Int?, maxColdFraction: Double?
  ) -> String {
    let header = [field, "cold starts", "p99 wait", "max wait", "lost", "pod-hours", "saving"]
    var table = [header]
    for (index, row) in rows.enumerated() {
      let outcome = row.outcome
      table.append([
        row.value + (index == recommended ? " *" : ""), "\(outcome.coldStarts) (\(percent(outcome.coldStartFraction)))",
        seconds(outcome.waitSeconds.p99), seconds(outcome.waitSeconds.max), String(outcome.lost), hours(outcome.podSeconds),
        outcome.saving.map(percent) ?? "-",
      ])
    }
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    var lines = table.map { row in
      zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
        .trimmingWhitespace()
    }
    if let maxColdFraction {
      if let recommended {
        lines.append(
          "recommended: \(field)=\(rows[recommended].value) (*), the fewest pod-hours with at most \(percent(maxColdFraction)) "
            + "cold starts and no request lost")
      } else {
        lines.append("recommended: none of these has at most \(percent(maxColdFraction)) cold starts and no request lost")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    return value == 0 || value >= 10 ? "\(format(value, digits: 1))%" : "\(format(value, digits: 2))%"
  }

  static func seconds(_ value: Double) -> String { "\(format(value, digits: value < 10 ? 2 : 1))s" }

  static func hours(_ seconds: Double) -> String { format(seconds / 3600, digits: 1) }

  static func duration(_ seconds: Double) -> String {
    if seconds >= 86_400 { return "\(format(seconds / 86_400, digits: 1)) days" }
    if seconds >= 3600 { return "\(format(seconds / 3600, digits: 1)) hours" }
    return "\(format(seconds / 60, digits: 1)) minutes"
  }

  /// A fixed number of decimals, without Foundation's locale-dependent formatting.
  static func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return String(value) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value * scale).rounded()
    let negative = scaled < 0
    let whole = Int(abs(scaled))
    let integer = whole / Int(scale)
    let fraction = whole % Int(scale)
    var text = String(integer)
    if digits > 0 {
      let digitsText = String(fraction)
      text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
    }
    return negative ? "-" + text : text
  }
}
