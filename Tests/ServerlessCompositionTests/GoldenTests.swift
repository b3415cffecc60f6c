import Foundation
import FunctionRender
import GoldenCases
import Testing

/// Golden-file tests: each case under `Golden/<group>/<case>/` (`GoldenCase`) is rendered as
/// `render --include-function-results` renders it, and compared exactly with `expected.yaml` (only the
/// documents its `focus.txt` names, when it has one) or `expected-error.txt`.
///
/// To accept a deliberate change, rerun with `UPDATE_GOLDEN=1 swift test` and review the diff
/// (DEVELOPMENT.md, "Golden files").
struct GoldenTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let cases = GoldenCase.all(in: root)

  @Test func everyGroupHasCases() {
    #expect(Self.cases.count >= 20, "golden cases missing under \(Self.root.path)")
  }

  /// A focus that names nothing the case renders would pass on an empty file.
  @Test(arguments: cases.filter { $0.focus != nil && FileManager.default.fileExists(atPath: $0.file("expected.yaml").path) })
  func aFocusSelectsSomething(_ golden: GoldenCase) throws {
    let expected = try String(contentsOf: golden.file("expected.yaml"), encoding: .utf8)
    #expect(!expected.isEmpty, "\(golden.name): its focus.txt selects no document")
  }

  @Test(arguments: cases)
  func golden(_ golden: GoldenCase) throws {
    let actual: String
    let expectedFile: String
    do {
      let rendered = try Renderer.render(golden.renderFiles, includeFunctionResults: true)
      actual = golden.focus?.select(rendered) ?? rendered
      expectedFile = "expected.yaml"
    } catch let fatal as Renderer.Fatal {
      // Errors about a file name it; the case's folder is wherever the repository is.
      actual = fatal.description.replacingOccurrences(of: golden.folder.path + "/", with: "") + "\n"
      expectedFile = "expected-error.txt"
    }

    let expectedURL = golden.file(expectedFile)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try? FileManager.default.removeItem(at: golden.file("expected.yaml"))
      try? FileManager.default.removeItem(at: golden.file("expected-error.txt"))
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
      Issue.record("\(golden.name): no \(expectedFile); the output was:\n\(actual)")
      return
    }
    #expect(actual == expected, "\(golden.name): output differs from \(expectedFile)")
  }
}

extension GoldenCase: CustomTestStringConvertible {
  public var testDescription: String { name }
}
