/// Durations in Go's notation (`time.ParseDuration`): decimal amounts, each followed by its unit
/// (`90s`, `1m30s`, `1.5h`, `500ms`). One parser serves two readers:
/// - the server's flags (`--ttl`), which take Go durations as the function SDK's flags do;
/// - an XR, which takes the subset that Kubernetes (`metav1.Duration`) and the Gateway API
///   (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`) both accept and that KEDA's and the add-on's fields hold in
///   whole seconds: hours, minutes and seconds, each at most once and in that order, whole amounts of
///   at most five digits.
public enum Durations {
  /// Milliseconds per unit, largest first (the order an XR must write them in).
  private static let units: [(unit: Substring, milliseconds: Double)] = [
    ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
  ]

  /// The (amount, unit) pairs of `text`; nil unless it is amounts and units all through.
  private static func terms(_ text: String) -> [(amount: Substring, unit: Substring)]? {
    var terms: [(Substring, Substring)] = []
    var rest = Substring(text)
    while !rest.isEmpty {
      let amount = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      rest = rest.dropFirst(amount.count)
      let unit = rest.prefix { $0.isASCII && $0.isLetter }
      rest = rest.dropFirst(unit.count)
      guard !amount.isEmpty, !unit.isEmpty else { return nil }
      terms.append((amount, unit))
    }
    return terms.isEmpty ? nil : terms
  }

  /// A Go duration of hours, minutes, seconds and milliseconds (with Go's optional sign), in
  /// milliseconds; nil when `text` is not one, is negative, or is beyond what 64 bits hold.
  public static func milliseconds(_ text: String) -> Int64? {
    let negative = text.hasPrefix("-")
    guard let terms = terms(negative || text.hasPrefix("+") ? String(text.dropFirst()) : text) else { return nil }
    var total = 0.0
    for (amount, unit) in terms {
      guard let value = Double(amount), let scale = units.first(where: { $0.unit == unit })?.milliseconds else { return nil }
      total += value * scale
    }
    guard total < Double(Int64.max / 2), !negative || total == 0 else { return nil }
    return Int64(total.rounded())
  }

  /// An XR's duration in whole seconds, or nil when `text` is not of the XR's subset.
  static func seconds(_ text: String) -> Int? {
    guard let terms = terms(text) else { return nil }
    var total = 0
    var previousUnit = -1
    for (amount, unit) in terms {
      guard let unitIndex = units.prefix(3).firstIndex(where: { $0.unit == unit }), unitIndex > previousUnit,
        amount.count <= 5, amount.allSatisfy(\.isNumber), let value = Int(amount)
      else { return nil }
      previousUnit = unitIndex
      total += value * Int(units[unitIndex].milliseconds) / 1000
    }
    return total
  }

  /// `75s`: how we write a duration back into a manifest.
  static func text(_ seconds: Int) -> String { "\(seconds)s" }

  /// `1h`, `30m`, `90s`: a bound as a person reads it, in messages.
  static func readable(_ seconds: Int) -> String {
    if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600)h" }
    if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60)m" }
    return "\(seconds)s"
  }
}
