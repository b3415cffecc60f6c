import Foundation
import ServerlessComposition

/// Offline `render`: runs the composition in-process and prints what `crossplane render` prints for
/// a pipeline of this one function (`RenderedOutput`). No server, no Docker, no crossplane CLI.
public enum Renderer {
  /// What stops a render: a file that cannot be read or parsed, or the step's Fatal result.
  public struct Fatal: Error, CustomStringConvertible {
    public var description: String
  }

  public struct Files {
    public var xr: String
    public var observed: String?
    public var input: String?
    public var composition: String?

    public init(xr: String, observed: String? = nil, input: String? = nil, composition: String? = nil) {
      self.xr = xr
      self.observed = observed
      self.input = input
      self.composition = composition
    }
  }

  /// Reads the files and renders. A file that is missing or not valid YAML is an error naming the
  /// file and, for YAML, the line and column.
  /// - Parameter functionName: the `functionRef.name` of this function's step in the Composition,
  ///   when the Composition does not make it plain (see `CompositionStep.find`).
  public static func render(_ files: Files, includeFunctionResults: Bool, functionName: String? = nil) throws -> String {
    let xr = try load(files.xr, as: "XR") { try YAMLValue.document($0) }
    guard case .object = xr.value else {
      throw Fatal(
        description: "\(files.xr): expected the XR as a YAML mapping (apiVersion, kind, metadata, spec), "
          + "got \(UserError.describe(xr.value))")
    }
    try rejectDates(xr, path: files.xr)
    let observed =
      try files.observed.map { path in
        try load(path, as: "observed resources") { try observedResources(YAMLValue.documents($0).map(\.value)) }
      } ?? [:]
    var step = CompositionStep.standalone
    var compositionName: String?
    if let path = files.composition {
      let composition = try load(path, as: "Composition") { try YAMLValue.document($0) }.value
      step = try CompositionStep.find(in: composition, path: path, functionName: functionName)
      compositionName = composition.lookup("metadata.name")?.stringValue
    }
    if let path = files.input {
      step.input = try load(path, as: "function input") { try YAMLValue.document($0) }.value
    }
    let result = Composer.compose(
      CompositionRequest(composite: xr.value, input: step.input, observed: observed, fieldNotes: notes(xr)))
    if let fatal = result.results.first(where: { $0.severity == .fatal }) {
      throw Fatal(description: "cannot render composite resource: pipeline step \"\(step.name)\" returned a fatal result: \(fatal.message)")
    }
    let output = RenderedOutput(xr: xr.value, result: result, step: step.name)
    var documents = [output.composite()]
    documents += result.resources.keys.sorted().map(output.composed)
    if includeFunctionResults { documents += output.results(composition: compositionName) }
    return try documents.map { try "---\n" + YAMLValue.dump($0) }.joined()
  }

  /// JSON has no dates: an unquoted `2024-01-01` is a date to YAML and, depending on the reader, a
  /// string or something else to the tools between the user and the API server. Every one in the
  /// XR's spec (where the XRD wants strings) is named, with where it is and how to write it; metadata
  /// is left to Kubernetes, which keeps such a value as text.
  static func rejectDates(_ xr: YAMLValue.Document, path: String) throws {
    let dates = xr.typedScalars.filter { $0.key.hasPrefix("spec.") && $0.value.madeOf == "a date" }.sorted { $0.key < $1.key }
    guard !dates.isEmpty else { return }
    let error = UserError(
      problems: dates.map { field, scalar in
        UserError.Problem(
          path: field,
          message: "\(field): YAML reads the unquoted \(scalar.text) (line \(scalar.line), column \(scalar.column)) as a date; "
            + "quote it (\"\(scalar.text)\") to keep it a string")
      })
    throw Fatal(description: "\(path): \(error.message)")
  }

  /// For each unquoted scalar YAML typed on its own, what it made of it: appended to a problem about
  /// that field, so `tag: 1.10` explains why the tag is the number 1.1.
  static func notes(_ xr: YAMLValue.Document) -> [String: String] {
    xr.typedScalars.mapValues { scalar in
      guard scalar.madeOf != "null" else {
        return "the value on line \(scalar.line), column \(scalar.column) is empty, which YAML reads as null"
      }
      return "YAML read the unquoted \(scalar.text) on line \(scalar.line), column \(scalar.column) as \(scalar.madeOf); "
        + "quote it to keep it a string: \"\(scalar.text)\""
    }
  }

  /// Observed resources as `crossplane render --observed-resources` takes them: one document per
  /// resource, keyed by its `crossplane.io/composition-resource-name` annotation.
  static func observedResources(_ documents: [Value]) throws -> [String: Value] {
    var observed: [String: Value] = [:]
    for (index, document) in documents.enumerated() {
      guard let name = document.lookup("metadata.annotations")?["crossplane.io/composition-resource-name"]?.stringValue else {
        throw YAMLValue.Invalid(
          description: "document \(index + 1) has no metadata.annotations[crossplane.io/composition-resource-name]")
      }
      observed[name] = document
    }
    return observed
  }

  static func load<T>(_ path: String, as what: String, parse: (String) throws -> T) throws -> T {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw Fatal(description: "\(path): cannot read the \(what) file")
    }
    do {
      return try parse(text)
    } catch let error as Fatal {
      throw error
    } catch {
      throw Fatal(description: "\(path): not a valid \(what) YAML file: \(error)")
    }
  }
}
