import Testing

@testable import ServerlessComposition

/// Quantities as apimachinery's `ParseQuantity` reads them (non-negative only), kept exactly in
/// billionths of the unit.
struct QuantityTests {
  static let giga: Int128 = 1_000_000_000

  @Test(
    arguments: [
      ("1", giga), ("0", 0), ("250m", 250_000_000), ("0.5", 500_000_000), (".5", 500_000_000), ("2.", 2 * giga), ("+1", giga),
      ("128Mi", 134_217_728 * giga), ("1Gi", 1_073_741_824 * giga), ("1G", giga * giga), ("1k", 1000 * giga), ("1e3", 1000 * giga),
      ("1E3", 1000 * giga), ("1e-3", 1_000_000), ("1E", 1_000_000_000 * giga * giga), ("100n", 100), ("10u", 10_000),
      ("1.5Ti", 1_649_267_441_664 * giga), ("0.1n", 1), ("256m", 256_000_000),
    ] as [(String, Int128)])
  func parses(_ text: String, _ nano: Int128) {
    #expect(Quantity(text)?.nano == nano)
  }

  @Test(arguments: ["", "-1", "1GB", "1K", "one", "1.2.3", ".", "Mi", "1e", "1e+", "1 Gi", "1ki", "1e3.5", "1e999", "9999Ei"])
  func refuses(_ text: String) {
    #expect(Quantity(text) == nil)
  }

  /// The same amount written two ways is the same amount (no floating-point rounding).
  @Test(arguments: [("2.14G", "2140M"), ("1.07G", "1070M"), ("4.03M", "4030k"), ("0.27T", "270G"), ("1024Ki", "1Mi"), ("0.5", "500m")])
  func equalAmountsCompareEqual(_ one: String, _ other: String) {
    #expect(Quantity(one)?.nano == Quantity(other)?.nano)
  }

  @Test func bytesMustBeWhole() {
    #expect(Quantity("256Mi")?.isWhole == true)
    #expect(Quantity("256m")?.isWhole == false)
  }

  @Test func takesNumbersAsTheXRGivesThem() {
    #expect(Quantity(Value.number(2)) == Quantity(text: "2", nano: 2 * Self.giga))
    #expect(Quantity(Value.number(0.5)) == Quantity(text: "0.5", nano: 500_000_000))
    #expect(Quantity(Value.number(-1)) == nil)
    #expect(Quantity(Value.bool(true)) == nil)
  }
}
