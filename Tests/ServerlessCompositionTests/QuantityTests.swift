import Testing

@testable import ServerlessComposition

/// Quantities as apimachinery's `ParseQuantity` reads them (non-negative only).
struct QuantityTests {
  @Test(
    arguments: [
      ("1", 1.0), ("0", 0), ("250m", 0.25), ("0.5", 0.5), (".5", 0.5), ("2.", 2), ("+1", 1), ("128Mi", 134_217_728), ("1Gi", 1_073_741_824),
      ("1G", 1e9), ("500M", 5e8), ("1k", 1000), ("1e3", 1000), ("1E3", 1000), ("1e-3", 0.001), ("1E", 1e18), ("100n", 1e-7),
      ("10u", 1e-5), ("1.5Ti", 1.5 * 1_099_511_627_776),
    ] as [(String, Double)])
  func parses(_ text: String, _ value: Double) {
    #expect(Quantity(text)?.value == value)
  }

  @Test(arguments: ["", "-1", "1GB", "1K", "one", "1.2.3", ".", "Mi", "1e", "1e+", "1 Gi", "1ki", "1e3.5"])
  func refuses(_ text: String) {
    #expect(Quantity(text) == nil)
  }

  @Test func takesNumbersAsTheXRGivesThem() {
    #expect(Quantity(Value.number(2)) == Quantity(text: "2", value: 2))
    #expect(Quantity(Value.number(0.5)) == Quantity(text: "0.5", value: 0.5))
    #expect(Quantity(Value.number(-1)) == nil)
    #expect(Quantity(Value.bool(true)) == nil)
  }
}
