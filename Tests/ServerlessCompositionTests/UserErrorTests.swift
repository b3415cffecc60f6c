import ServerlessComposition
import Testing

/// How a Fatal message lists problems: one as is, several as a list, at most `listedProblems` of them.
struct UserErrorTests {
  func problems(_ count: Int) -> UserError {
    UserError(problems: (1...count).map { UserError.Problem(path: "spec.f\($0)", message: "spec.f\($0): wrong", wantsString: true) })
  }

  @Test func oneProblemIsItsOwnMessage() {
    #expect(problems(1).message == "spec.f1: wrong")
  }

  @Test func severalProblemsAreListed() {
    #expect(problems(2).message == "2 problems:\n- spec.f1: wrong\n- spec.f2: wrong")
  }

  @Test func theListIsCapped() {
    let lines = problems(UserError.listedProblems + 5).message.split(separator: "\n")
    #expect(lines.first == "\(UserError.listedProblems + 5) problems:")
    #expect(lines.count == UserError.listedProblems + 2)
    #expect(lines.last == "- and 5 more")
  }

  @Test func notesAttachToTheirField() {
    #expect(problems(2).message(notes: ["spec.f2": "a note"]) == "2 problems:\n- spec.f1: wrong\n- spec.f2: wrong (a note)")
  }
}
