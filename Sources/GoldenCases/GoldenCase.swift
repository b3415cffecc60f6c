import Foundation
import FunctionRender
import ServerlessComposition

/// One golden case: a folder `Golden/<group>/<case>/` with `xr.yaml`, optional `input.yaml`,
/// `observed.yaml`, `composition.yaml`, `required.yaml` (what Crossplane fetches for the step's
/// requirements, `render --required-resources`), `schemas/` (`render --required-schemas`) and `xrd.yaml`
/// (`render --xrd`), and what `render --include-function-results` must print:
/// `expected.yaml`, or `expected-error.txt` for an XR that must get a Fatal result. A `focus.txt`
/// names what the case is about; `expected.yaml` then holds only those documents (`Focus`). The Swift
/// tests, the wire-encoding tests and the fuzzer's seeds all find the cases here.
public struct GoldenCase: Sendable {
  /// `<group>/<case>`.
  public let name: String
  public let folder: URL

  /// The golden cases under the repository's `Tests/ServerlessCompositionTests/Golden`.
  public static func folder(repositoryRoot: URL) -> URL {
    repositoryRoot.appendingPathComponent("Tests/ServerlessCompositionTests/Golden")
  }

  /// Every case under `golden`, by group then name.
  public static func all(in golden: URL) -> [GoldenCase] {
    let fm = FileManager.default
    let groups = (try? fm.contentsOfDirectory(atPath: golden.path)) ?? []
    return groups.sorted().flatMap { group in
      let cases = (try? fm.contentsOfDirectory(atPath: golden.appendingPathComponent(group).path)) ?? []
      return cases.sorted().map {
        GoldenCase(name: "\(group)/\($0)", folder: golden.appendingPathComponent(group).appendingPathComponent($0))
      }
    }
  }

  public func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

  /// The path of an optional file of the case, when it has one.
  public func optionalFile(_ name: String) -> String? {
    FileManager.default.fileExists(atPath: file(name).path) ? file(name).path : nil
  }

  /// The files as `render` takes them.
  public var renderFiles: Renderer.Files {
    Renderer.Files(
      xr: file("xr.yaml").path, observed: optionalFile("observed.yaml"), input: optionalFile("input.yaml"),
      composition: optionalFile("composition.yaml"), requiredResources: optionalFile("required.yaml").map { [$0] } ?? [],
      requiredSchemas: optionalFile("schemas"), xrd: optionalFile("xrd.yaml"))
  }

  /// What the case is about; nil for a full snapshot.
  public var focus: Focus? {
    (try? String(contentsOf: file(Focus.fileName), encoding: .utf8)).map(Focus.init(text:))
  }

  /// The XR and the step input as a RunFunctionRequest carries them; nil for a case whose files are
  /// not YAML (those test render's own errors).
  public var request: (xr: Value, input: Value?)? {
    guard let xr = try? YAMLValue.document(String(contentsOf: file("xr.yaml"), encoding: .utf8)) else { return nil }
    guard let path = optionalFile("input.yaml") else { return (xr.value, nil) }
    guard let input = try? YAMLValue.document(String(contentsOfFile: path, encoding: .utf8)) else { return nil }
    return (xr.value, input.value)
  }
}

/// The documents a golden case is about, one entry per line of its `focus.txt` (`#` starts a comment):
/// `composite` (the XR with its status and conditions), `results` (the function's results), or a
/// composition resource name, where `*` stands for any characters (`*scaled-object`). The XR's
/// `resourceRefs` still list every composed resource, so a resource that appears or goes is caught.
public struct Focus: Sendable {
  public static let fileName = "focus.txt"

  public let entries: [String]

  public init(text: String) {
    entries = text.split(separator: "\n").compactMap { line in
      let entry =
        line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
        .trimmingCharacters(in: .whitespaces) ?? ""
      return entry.isEmpty ? nil : entry
    }
  }

  /// The documents of a render (`---`-separated, composite first) that the focus names, in their order.
  public func select(_ rendered: String) -> String {
    let documents = rendered.components(separatedBy: "---\n").dropFirst()
    return documents.enumerated().filter { index, document in
      if index == 0 { return entries.contains("composite") }
      if document.contains("\nkind: Result\n") { return entries.contains("results") }
      guard let name = Self.compositionResourceName(document) else { return false }
      return entries.contains { Self.matches(name, pattern: $0) }
    }.map { "---\n" + $0.element }.joined()
  }

  static func compositionResourceName(_ document: String) -> String? {
    let key = "crossplane.io/composition-resource-name: "
    guard let line = document.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) })
    else { return nil }
    return line.trimmingCharacters(in: .whitespaces).dropFirst(key.count).trimmingCharacters(in: .whitespaces)
  }

  /// A glob with `*` only.
  static func matches(_ name: String, pattern: String) -> Bool {
    let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
    guard parts.count > 1 else { return name == pattern }
    guard name.hasPrefix(parts[0]), name.hasSuffix(parts[parts.count - 1]),
      name.count >= parts[0].count + parts[parts.count - 1].count
    else { return false }
    var rest = Substring(name.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count))
    for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
      guard let range = rest.range(of: middle) else { return false }
      rest = rest[range.upperBound...]
    }
    return true
  }
}
