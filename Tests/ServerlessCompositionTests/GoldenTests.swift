import Foundation
import FunctionRender
import Testing

/// Golden-file tests: each folder under `Golden/<group>/<case>/` holds `xr.yaml` (plus optional
/// `input.yaml`, `observed.yaml`, `composition.yaml`) and the exact expected output of `render --include-function-results`:
/// `expected.yaml`, or `expected-error.txt` for an XR that must get a Fatal result.
///
/// To accept a deliberate change, rerun with `UPDATE_GOLDEN=1 swift test` and review the diff.
struct GoldenTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var cases: [String] {
    let fm = FileManager.default
    let groups = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
    return groups.sorted().flatMap { group in
      ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(group).path)) ?? []).sorted().map { "\(group)/\($0)" }
    }
  }

  @Test func everyGroupHasCases() {
    #expect(Self.cases.count >= 20, "golden cases missing under \(Self.root.path)")
  }

  @Test(arguments: cases)
  func golden(_ name: String) throws {
    let dir = Self.root.appendingPathComponent(name)
    func optional(_ file: String) -> String? {
      let path = dir.appendingPathComponent(file).path
      return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    let files = Renderer.Files(
      xr: dir.appendingPathComponent("xr.yaml").path, observed: optional("observed.yaml"), input: optional("input.yaml"),
      composition: optional("composition.yaml"))

    let actual: String
    let expectedFile: String
    do {
      actual = try Renderer.render(files, includeFunctionResults: true)
      expectedFile = "expected.yaml"
    } catch let fatal as Renderer.Fatal {
      // Errors about a file name it; the case's folder is wherever the repository is.
      actual = fatal.description.replacingOccurrences(of: dir.path + "/", with: "") + "\n"
      expectedFile = "expected-error.txt"
    }

    let expectedURL = dir.appendingPathComponent(expectedFile)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try? FileManager.default.removeItem(at: dir.appendingPathComponent("expected.yaml"))
      try? FileManager.default.removeItem(at: dir.appendingPathComponent("expected-error.txt"))
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
      Issue.record("\(name): no \(expectedFile); the output was:\n\(actual)")
      return
    }
    #expect(actual == expected, "\(name): output differs from \(expectedFile)")
  }
}
