/// A Kubernetes resource quantity (`500m`, `1.5`, `128Mi`, `1G`, `1e3`), as the API server parses
/// it (apimachinery `resource.ParseQuantity`):
///
///     <quantity> ::= <signedNumber><suffix>
///     <number>   ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
///     <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | (e|E)<signedNumber>
///
/// Only non-negative quantities are taken here: nothing the App sizes can be negative.
struct Quantity: Equatable {
  /// As written (a number from the XR is written as its shortest text).
  var text: String
  /// The amount in base units (cores, bytes), precise enough to compare two quantities.
  var value: Double

  private static let binary: [(String, Double)] = [("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40), ("Pi", 50), ("Ei", 60)].map {
    ($0.0, Double(sign: .plus, exponent: Int($0.1), significand: 1))
  }
  private static let decimal: [String: Int] = ["n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

  init(text: String, value: Double) {
    self.text = text
    self.value = value
  }

  /// nil unless `text` is a non-negative quantity.
  init?(_ text: String) {
    var body = Substring(text)
    if body.first == "+" { body = body.dropFirst() }
    let numberEnd = body.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? body.endIndex
    let number = body[..<numberEnd]
    let suffix = body[numberEnd...]
    guard Self.isNumber(number), let amount = Double(number.hasSuffix(".") ? number + "0" : number) else { return nil }
    let value: Double
    if suffix.isEmpty {
      value = amount
    } else if let power = Self.binary.first(where: { $0.0 == suffix })?.1 {
      value = amount * power
    } else if let power = Self.decimal[String(suffix)] {
      value = timesPowerOfTen(amount, power)
    } else if let first = suffix.first, first == "e" || first == "E" {
      var exponent = suffix.dropFirst()
      let negative = exponent.first == "-"
      if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
      guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }), let power = Int(exponent), power <= 300 else {
        return nil
      }
      value = timesPowerOfTen(amount, negative ? -power : power)
    } else {
      return nil
    }
    self.init(text: text, value: value)
  }

  /// A quantity the XR gives as a number or a string (Kubernetes' int-or-string); nil for another type
  /// or a malformed or negative one.
  init?(_ value: Value) {
    switch value {
    case .string(let text): self.init(text)
    case .number(let n) where n >= 0 && n.isFinite:
      self.init(text: exactInteger(n).map(String.init) ?? "\(n)", value: n)
    default: return nil
    }
  }

  /// `digits`, `digits.digits`, `digits.` or `.digits`.
  private static func isNumber(_ text: Substring) -> Bool {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), !text.filter({ $0 != "." }).isEmpty else { return false }
    return parts.count <= 2 && text.filter({ $0 == "." }).count <= 1
  }
}

/// `amount` x 10^power, dividing for a negative power so that 100n is exactly 1e-7.
private func timesPowerOfTen(_ amount: Double, _ power: Int) -> Double {
  var scale = 1.0
  for _ in 0..<abs(power) { scale *= 10 }
  return power < 0 ? amount / scale : amount * scale
}
