/// Durations as users write them in an XR (`90s`, `1m30s`, `2h`): hours, minutes and seconds, each
/// at most once and in that order, the subset of Go's `time.ParseDuration` that Kubernetes
/// (`metav1.Duration`) and the Gateway API (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`) both accept.
enum Durations {
  /// Whole seconds, or nil when `text` is not such a duration.
  static func seconds(_ text: String) -> Int? {
    var total = 0
    var digits = ""
    var units: [Character] = []
    for character in text {
      if character.isASCII, character.isNumber {
        digits.append(character)
        continue
      }
      guard let unit = ["h": 3600, "m": 60, "s": 1][character], !digits.isEmpty, digits.count <= 5,
        let amount = Int(digits), units.allSatisfy({ "hms".firstIndex(of: $0)! < "hms".firstIndex(of: character)! })
      else { return nil }
      units.append(character)
      total += amount * unit
      digits = ""
    }
    return digits.isEmpty && !units.isEmpty ? total : nil
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

extension Fields {
  /// A duration string (see `Durations`) within bounds, in seconds.
  func duration(_ key: String, default defaultValue: String? = nil, min: Int = 1, max: Int = 86_400) throws(UserError) -> Int? {
    let expected = "a duration such as 90s, 5m or 1h30m, between \(Durations.readable(min)) and \(Durations.readable(max))"
    guard exists else { return nil }
    let text: String
    switch raw(key) {
    case nil:
      guard let defaultValue else { return nil }
      text = defaultValue
    case .string(let s)?: text = s
    case let other?: throw .field(fieldPath(key), expected: expected, got: other)
    }
    guard let seconds = Durations.seconds(text), (min...max).contains(seconds) else {
      throw .field(fieldPath(key), expected: expected, got: .string(text))
    }
    return seconds
  }
}
