/// A Kubernetes resource quantity (`500m`, `1.5`, `128Mi`, `1G`, `1e3`), as the API server parses
/// it (apimachinery `resource.ParseQuantity`):
///
///     <quantity> ::= <signedNumber><suffix>
///     <number>   ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
///     <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | (e|E)<signedNumber>
///
/// Only non-negative quantities are taken here: nothing the App sizes can be negative. The amount is
/// kept exactly, in billionths of the unit rounded up as `ParseQuantity` rounds (1n is its smallest),
/// so that `2.14G` and `2140M` compare equal.
struct Quantity: Equatable {
  /// As written (a number from the XR is written as its shortest text).
  var text: String
  /// The amount in billionths of the base unit (nanocores, nanobytes).
  var nano: Int128

  /// A whole number of the unit: what a byte count must be (`256m` is a quarter of a byte).
  var isWhole: Bool { nano % Self.perUnit == 0 }

  static let perUnit: Int128 = 1_000_000_000
  /// Beyond this the amount is refused: no resource the App sizes comes near it (2^90 nano).
  private static let largest: Int128 = 1 << 90

  private static let binary: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
  private static let decimal: [String: Int] = ["n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

  init(text: String, nano: Int128) {
    self.text = text
    self.nano = nano
  }

  /// nil unless `text` is a non-negative quantity.
  init?(_ text: String) {
    var body = Substring(text)
    if body.first == "+" { body = body.dropFirst() }
    let numberEnd = body.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? body.endIndex
    guard let (mantissa, fractionDigits) = Self.number(body[..<numberEnd]) else { return nil }
    let suffix = body[numberEnd...]
    var power10 = 9 - fractionDigits
    var power2 = 0
    if let binary = Self.binary[String(suffix)] {
      power2 = binary
    } else if let decimal = Self.decimal[String(suffix)] {
      power10 += decimal
    } else if let first = suffix.first, first == "e" || first == "E" {
      var exponent = suffix.dropFirst()
      let negative = exponent.first == "-"
      if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
      guard !exponent.isEmpty, exponent.count <= 3, exponent.allSatisfy({ $0.isASCII && $0.isNumber }), let power = Int(exponent) else {
        return nil
      }
      power10 += negative ? -power : power
    } else if !suffix.isEmpty {
      return nil
    }
    guard let nano = Self.scaled(mantissa, power10: power10, power2: power2) else { return nil }
    self.init(text: text, nano: nano)
  }

  /// A quantity the XR gives as a number or a string (Kubernetes' int-or-string); nil for another type
  /// or a malformed or negative one.
  init?(_ value: Value) {
    switch value {
    case .string(let text): self.init(text)
    case .number(let n) where n >= 0 && n.isFinite:
      guard let parsed = Quantity(exactInteger(n).map(String.init) ?? "\(n)") else { return nil }
      self = parsed
    default: return nil
    }
  }

  /// The digits of `digits`, `digits.digits`, `digits.` or `.digits` as one integer, and how many
  /// of them follow the point.
  private static func number(_ text: Substring) -> (Int128, Int)? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let digits = parts.joined()
    guard !digits.isEmpty, digits.count <= 30, text.filter({ $0 == "." }).count <= 1,
      digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int128(digits)
    else { return nil }
    return (value, parts.count == 2 ? parts[1].count : 0)
  }

  /// mantissa x 10^power10 x 2^power2, rounded up; nil beyond `largest`.
  private static func scaled(_ mantissa: Int128, power10: Int, power2: Int) -> Int128? {
    var value = mantissa
    for _ in 0..<power2 {
      guard value <= largest else { return nil }
      value *= 2
    }
    if power10 >= 0 {
      for _ in 0..<power10 {
        guard value <= largest else { return nil }
        value *= 10
      }
    } else {
      var divisor: Int128 = 1
      for _ in 0..<(-power10) {
        guard divisor <= largest else { return value == 0 ? 0 : 1 }
        divisor *= 10
      }
      value = (value + divisor - 1) / divisor
    }
    return value <= largest ? value : nil
  }
}
