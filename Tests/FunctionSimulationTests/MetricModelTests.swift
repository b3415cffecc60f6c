import Testing

@testable import FunctionSimulation

/// The metrics the triggers see.
struct MetricModelTests {
  /// Prometheus v3 `extrapolatedRate` by hand: scrapes every 30 s, `rate(...[2m])`.
  @Test func prometheusRateExtrapolatesLikePrometheus() {
    // One request a second from t = 0: counter 31 at 30 s, 61 at 60 s, ... (arrivals at 0...).
    let steady = PrometheusRate(arrivals: (0..<1000).map(Double.init), scrapeInterval: 30, range: 120)
    // At 300 s the range (180, 300] holds the scrapes 210, 240, 270, 300: increase 90 over 90 s,
    // extrapolated by 30 s towards the start (30 < 1.1 x 30): 120 / 120 = 1 per second.
    #expect(abs(steady.value(at: 300) - 1) < 1e-9)
    // A single request at 10 s: counter 0 at 0 s, 1 from 30 s on.
    let single = PrometheusRate(arrivals: [10], scrapeInterval: 30, range: 120)
    #expect(single.value(at: 29) == 0)  // one scrape, at 0 s
    // At 30 s: scrapes 0 and 30, increase 1; toStart 90 >= 33 -> 15; the counter's zero clamp
    // (30 x 0 / 1 = 0) -> 0; toEnd 0. 1 x 30 / 30 / 120.
    #expect(abs(single.value(at: 30) - 1.0 / 120) < 1e-12)
    #expect(single.value(at: 119.9) > 0)
    #expect(single.value(at: 120) == 0)  // the scrape at 0 s has left (0, 120]
  }

  @Test func cronWindowsFollowRobfigAndTheTimeZone() throws {
    let window = CronWindow(
      start: try #require(CronExpression("0 8 * * 1-5")), end: try #require(CronExpression("0 18 * * MON-FRI")),
      timezone: "Europe/Berlin", replicas: 2)
    // 2024-01-01 (a Monday) 00:00 UTC is 01:00 in Berlin: open from 07:00 to 17:00 UTC.
    let open = try #require(window.openMinutes(startEpochSeconds: 1_704_067_200, minutes: 7 * 1440))
    #expect(!open[7 * 60 - 1])
    #expect(open[7 * 60])
    #expect(open[17 * 60 - 1])
    #expect(!open[17 * 60])
    // Saturday is closed all day.
    #expect(!open[5 * 1440 + 12 * 60])
    #expect(open.filter { $0 }.count == 5 * 600)
  }

  @Test func aWindowOpenBeforeTheTraceCounts() throws {
    let window = CronWindow(
      start: try #require(CronExpression("0 22 * * *")), end: try #require(CronExpression("0 6 * * *")), timezone: "UTC",
      replicas: 1)
    let open = try #require(window.openMinutes(startEpochSeconds: 1_704_067_200, minutes: 24 * 60))
    #expect(open[0] && open[359] && !open[360] && open[22 * 60])
  }

  /// KEDA looks ahead: a window is open unless its next start comes before its next end. With
  /// starts on weekdays and ends every day, Friday's end is followed by Saturday's end before the
  /// next start: the window stays open from Friday 18:00 until Sunday's end, after which Monday's
  /// start comes first.
  @Test func cronLooksAheadAsKEDADoes() throws {
    let window = CronWindow(
      start: try #require(CronExpression("0 8 * * 1-5")), end: try #require(CronExpression("0 18 * * *")), timezone: "UTC",
      replicas: 2)
    // From Friday 2024-01-05 00:00 UTC.
    let open = try #require(window.openMinutes(startEpochSeconds: 1_704_412_800, minutes: 4 * 1440))
    #expect(open[8 * 60] && open[18 * 60] && open[1440 + 18 * 60])  // Friday 08:00 and 18:00, Saturday 18:00
    #expect(open[2 * 1440 + 18 * 60 - 1] && !open[2 * 1440 + 18 * 60])  // until Sunday 18:00
    #expect(!open[3 * 1440 + 8 * 60 - 1] && open[3 * 1440 + 8 * 60])  // Monday 08:00
  }

  /// The zone's offset changes within the trace: 08:00 in Berlin is 07:00 UTC before the switch to
  /// summer time on 2024-03-31 and 06:00 UTC after it.
  @Test func aWindowFollowsDaylightSavingTime() throws {
    let window = CronWindow(
      start: try #require(CronExpression("0 8 * * *")), end: try #require(CronExpression("0 9 * * *")), timezone: "Europe/Berlin",
      replicas: 1)
    // From 2024-03-30 00:00 UTC.
    let open = try #require(window.openMinutes(startEpochSeconds: 1_711_756_800, minutes: 2 * 1440))
    #expect(!open[7 * 60 - 1] && open[7 * 60] && !open[8 * 60])
    #expect(!open[1440 + 6 * 60 - 1] && open[1440 + 6 * 60] && !open[1440 + 7 * 60])
  }

  /// A window whose start and end fall beyond the look-ahead (29 February, from 2025) is closed, as
  /// KEDA's is until the next leap year.
  @Test func aWindowWithNoNextStartOrEndIsClosed() throws {
    let window = CronWindow(
      start: try #require(CronExpression("0 9 29 2 *")), end: try #require(CronExpression("0 17 29 2 *")), timezone: "UTC",
      replicas: 1)
    let open = try #require(window.openMinutes(startEpochSeconds: 1_735_689_600, minutes: 1440))
    #expect(!open.contains(true))
  }

  @Test func anUnknownTimeZoneIsNoWindow() throws {
    let window = CronWindow(
      start: try #require(CronExpression("0 8 * * *")), end: try #require(CronExpression("0 9 * * *")), timezone: "Mars/Olympus",
      replicas: 1)
    #expect(window.openMinutes(startEpochSeconds: 0, minutes: 10) == nil)
  }

  /// robfig/cron's star bit is per item: `*/2` is not a star, `5,*` is.
  @Test func theStarBit() throws {
    #expect(try #require(CronExpression("0 0 */2 * MON")).dayIsStar == false)
    #expect(try #require(CronExpression("0 0 5,* * MON")).dayIsStar == true)
    #expect(try #require(CronExpression("0 0 ? * MON")).dayIsStar == true)
  }

  /// The add-on's request rate divides by the buckets from a run's first request to its last
  /// (`WindowAverage`): a one-second burst after an idle window reads as its whole count per second
  /// until a window has passed.
  @Test func theAddOnsRequestRate() {
    let burst = (0..<50).map { 100 + Double($0) / 100 }
    let rate = RequestRateWindow(arrivals: burst, window: 60, granularity: 1)
    #expect(rate.metric(at: 99) == 0)
    #expect(rate.metric(at: 100.9) == 50)
    #expect(rate.metric(at: 110) == 50)
    #expect(rate.metric(at: 159.9) == 50)
    #expect(rate.metric(at: 160) == 0)  // a whole window since the last request
    // One a second for two minutes: at 130 the window (70, 130] holds 49 of them over 60 buckets.
    let steady = RequestRateWindow(arrivals: (0..<120).map(Double.init), window: 60, granularity: 1)
    #expect(steady.metric(at: 130) == 1)
    // Five a second for ten seconds: 50 over the 10 buckets with data, not over the window's 60.
    let fresh = RequestRateWindow(arrivals: (0..<50).map { Double($0) / 5 }, window: 60, granularity: 1)
    #expect(fresh.metric(at: 9.5) == 5)
  }

  /// robfig/cron: a restricted day of month and day of week match either; with either `*`, both.
  @Test func dayOfMonthOrDayOfWeek() throws {
    let either = try #require(CronExpression("0 0 1 * MON"))
    let both = try #require(CronExpression("0 0 * * MON"))
    let firstOfMonthThursday = LocalTime(epochSeconds: 1_704_067_200 + 31 * 86_400 * 1)  // 2024-02-01, a Thursday
    #expect(firstOfMonthThursday.day == 1 && firstOfMonthThursday.weekday == 4)
    #expect(either.matches(firstOfMonthThursday))
    #expect(!both.matches(firstOfMonthThursday))
  }

  @Test(arguments: ["0 8 * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "*/0 * * * *", "5-1 * * * *"])
  func cronRefuses(_ text: String) {
    #expect(CronExpression(text) == nil)
  }

  @Test func cronSteps() throws {
    let expression = try #require(CronExpression("5/20 */6 * JAN,mar ?"))
    #expect(expression.minutes == [5, 25, 45])
    #expect(expression.hours == [0, 6, 12, 18])
    #expect(expression.months == [1, 3])
  }
}
