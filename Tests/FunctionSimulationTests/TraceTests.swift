import Testing

@testable import FunctionSimulation

struct TraceTests {
  @Test func secondsWithServiceTimes() throws {
    let trace = try RequestTimesCSV.parse("time,service\n0.5,0.2\n2,0.1\n1,0.3\n")
    #expect(trace.arrivals == [0.5, 1, 2])
    #expect(trace.serviceTimes == [0.2, 0.3, 0.1])
    #expect(trace.startEpochSeconds == nil)
  }

  @Test func rfc3339TimesAreSecondsFromTheEarliest() throws {
    let trace = try RequestTimesCSV.parse(
      "time\n2024-01-01T08:00:01.5Z\n2024-01-01T08:00:00Z\r\n2024-01-01 09:00:00+01:00\n\n")
    #expect(trace.arrivals == [0, 0, 1.5])
    #expect(trace.startEpochSeconds == 1_704_096_000)
  }

  @Test(
    arguments: [
      ("time\n", "no requests after the header line"),
      ("time\nsoon\n", "line 2: \"soon\" is neither seconds"),
      ("time\n1\n2024-01-01T00:00:00Z\n", "line 3: \"2024-01-01T00:00:00Z\" is a timestamp, but earlier lines are seconds"),
      ("time\n-1\n", "line 2: a negative time"),
      ("time,service\n1,0.1\n2\n", "line 3: no service time, but earlier lines have one"),
      ("time,service\n1\n2,0.1\n", "line 3: a service time here but not on every line before it"),
      ("time,service\n1,fast\n", "line 2: the service time \"fast\" is not a number of seconds"),
      ("time\nnan\n", "line 2: \"nan\" is neither seconds"),
      ("time\n2024-13-01T00:00:00Z\n", "line 2: \"2024-13-01T00:00:00Z\" is neither"),
    ])
  func csvProblemsNameTheLine(_ text: String, _ message: String) {
    #expect {
      _ = try RequestTimesCSV.parse(text)
    } throws: { error in
      "\(error)".hasPrefix(message)
    }
  }

  static let azureHeader = "HashOwner,HashApp,HashFunction,Trigger,1,2,3"

  @Test func azureCountsAddUpTheApplicationsFunctions() throws {
    let text = "\(Self.azureHeader)\no1,appA,f1,http,1,0,2\no1,appA,f2,timer,0,1,0\no2,appB,f3,http,9,9,9\n"
    #expect(try AzureFunctionsTrace.minuteCounts(text, select: "appA") == [1, 1, 2])
    #expect(try AzureFunctionsTrace.minuteCounts(text, select: "f3") == [9, 9, 9])
  }

  @Test func azureWithSeveralApplicationsAsksWhichOne() {
    let text = "\(Self.azureHeader)\no1,appA,f1,http,1,0,2\no2,appB,f3,http,9,9,9\n"
    #expect {
      _ = try AzureFunctionsTrace.minuteCounts(text, select: nil)
    } throws: { error in
      "\(error)".contains("the trace holds 2 applications; pick one with --trace-app") && "\(error)".contains("appB (27 invocations)")
    }
  }

  @Test(
    arguments: [
      ("HashOwner,HashApp\n", nil, "line 1: expected the header"),
      ("HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,f,http,1\n", nil, "line 2: 5 columns where the header has 6"),
      ("HashOwner,HashApp,HashFunction,Trigger,1\no,a,f,http,-1\n", nil, "line 2: \"-1\" is not a count"),
      ("HashOwner,HashApp,HashFunction,Trigger,1\no,a,f,http,1\n", "b", "no line's HashApp or HashFunction starts with \"b\""),
    ] as [(String, String?, String)])
  func azureProblems(_ text: String, _ select: String?, _ message: String) {
    #expect {
      _ = try AzureFunctionsTrace.minuteCounts(text, select: select)
    } throws: { error in
      "\(error)".hasPrefix(message)
    }
  }

  @Test func aTraceLongerThanAYearIsRefused() {
    #expect {
      try Trace(arrivals: [0, 1_704_067_200]).checkSpan()
    } throws: { error in
      "\(error)".contains("more than a year") && "\(error)".contains("RFC 3339")
    }
  }

  @Test func tooManyRequestsAreRefused() {
    #expect(throws: Trace.Problem.self) { try AzureFunctionsTrace.trace(days: [[90_000_000, 90_000_000]], seed: 1) }
  }

  @Test func aByteOrderMarkIsNoHeader() {
    #expect(AzureFunctionsTrace.recognises(header: "\u{FEFF}HashOwner,HashApp,HashFunction,Trigger,1"))
  }

  /// Each minute's requests fall within it, days follow each other, and one seed is one trace.
  @Test func azureMinutesBecomeRequestTimes() throws {
    let trace = try AzureFunctionsTrace.trace(days: [[2, 0, 1], [0, 3, 0]], seed: 5)
    #expect(trace.arrivals.count == 6)
    #expect(trace.arrivals[0..<2].allSatisfy { (0..<60).contains($0) })
    #expect((120..<180).contains(trace.arrivals[2]))
    #expect(trace.arrivals[3...].allSatisfy { (240..<300).contains($0) })
    #expect(trace.duration == 360)
    #expect(try trace == AzureFunctionsTrace.trace(days: [[2, 0, 1], [0, 3, 0]], seed: 5))
    #expect(try trace != AzureFunctionsTrace.trace(days: [[2, 0, 1], [0, 3, 0]], seed: 6))
  }
}
