import Testing

@testable import ServerlessComposition

/// One grammar, two readers: the server's flags take Go durations, an XR the subset that Kubernetes and
/// the Gateway API both accept, in whole seconds.
struct DurationsTests {
  @Test(
    arguments: [
      ("60s", 60_000), ("5m", 300_000), ("1h", 3_600_000), ("500ms", 500), ("1.5s", 1500), ("1h30m", 5_400_000),
      ("+5s", 5000), ("-0s", 0), ("0.5ms", 1),
    ] as [(String, Int64)])
  func flagsTakeGoDurations(_ text: String, _ milliseconds: Int64) {
    #expect(Durations.milliseconds(text) == milliseconds)
  }

  @Test(arguments: ["", "60", "s", "-5s", "1e3s", "5d", "5 s", "99999999999999999h", "1.2.3s"])
  func flagsRefuse(_ text: String) {
    #expect(Durations.milliseconds(text) == nil)
  }

  @Test(arguments: [("90s", 90), ("1m30s", 90), ("2h", 7200), ("1h0m5s", 3605), ("00030s", 30)] as [(String, Int)])
  func anXRTakesWholeHoursMinutesAndSeconds(_ text: String, _ seconds: Int) {
    #expect(Durations.seconds(text) == seconds)
  }

  /// Fractions, milliseconds, units out of order or repeated, more than five digits, a sign.
  @Test(arguments: ["1.5m", "500ms", "1s1m", "1m1m", "123456s", "+5s", "90", "", "5S"])
  func anXRRefuses(_ text: String) {
    #expect(Durations.seconds(text) == nil)
  }
}
