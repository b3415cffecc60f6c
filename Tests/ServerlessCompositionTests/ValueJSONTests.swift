import Testing

@testable import ServerlessComposition

/// The JSON a dashboard ConfigMap carries: compact, keys sorted, strings escaped as JSON requires.
struct ValueJSONTests {
  @Test func writesSortedCompactJSON() {
    let value: Value = ["b": [1, 2.5, true, .null], "a": ["nested": "x"]]
    #expect(value.jsonText == #"{"a":{"nested":"x"},"b":[1,2.5,true,null]}"#)
  }

  @Test func escapesStrings() {
    let value: Value = .string("quote \" backslash \\ newline \n tab \t bell \u{07} é")
    #expect(value.jsonText == #""quote \" backslash \\ newline \n tab \t bell \u0007 é""#)
  }

  @Test func writesIntegersWithoutAFraction() {
    #expect(Value.number(39).jsonText == "39")
    #expect(Value.number(-0.25).jsonText == "-0.25")
  }
}
