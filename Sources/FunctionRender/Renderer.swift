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
    /// `--required-resources`: YAML files, or folders of them, with what Crossplane would fetch.
    public var requiredResources: [String]
    /// `--required-schemas`: a folder of OpenAPI v3 JSON documents.
    public var requiredSchemas: String?
    /// `--xrd`: the XRD, whose defaults are applied to the XR and whose schema it must match.
    public var xrd: String?

    public init(
      xr: String, observed: String? = nil, input: String? = nil, composition: String? = nil, requiredResources: [String] = [],
      requiredSchemas: String? = nil, xrd: String? = nil
    ) {
      self.xr = xr
      self.observed = observed
      self.input = input
      self.composition = composition
      self.requiredResources = requiredResources
      self.requiredSchemas = requiredSchemas
      self.xrd = xrd
    }
  }

  /// Crossplane calls a step again while its requirements change, this many times at most
  /// (crossplane v2.3.4 `internal/xfn/required_resources.go`, `MaxRequirementsIterations`).
  static let maxRequirementsIterations = 5

  /// Reads the files and renders. A file that is missing or not valid YAML is an error naming the
  /// file and, for YAML, the line and column.
  /// - Parameters:
  ///   - functionName: the `functionRef.name` of this function's step in the Composition, when the
  ///     Composition does not make it plain (see `CompositionStep.find`).
  ///   - includeFullXR: print the XR's metadata and spec too, not only its status (`crossplane render -x`).
  ///   - note: told what the step asked for that render was not given, and how to pass it.
  public static func render(
    _ files: Files, includeFunctionResults: Bool, includeFullXR: Bool = false, functionName: String? = nil,
    note: (String) -> Void = { _ in }
  ) throws -> String {
    let composed = try compose(files, functionName: functionName, note: note)
    let output = RenderedOutput(xr: composed.xr, result: composed.result, step: composed.step)
    var documents = [output.composite(full: includeFullXR)]
    documents += composed.result.resources.keys.sorted().map(output.composed)
    if includeFunctionResults { documents += output.results(composition: composed.compositionName) }
    return try documents.map { try "---\n" + YAMLValue.dump($0) }.joined()
  }

  /// What one render composed: the XR as the step saw it (defaulted with `--xrd`), the step's answer,
  /// and the names of the step and its Composition.
  public struct Composed {
    public var xr: Value
    public var result: CompositionResult
    public var step: String
    public var compositionName: String?
  }

  /// Reads the files and composes, as `render` does, without printing; `transformXR` changes the XR
  /// before it is composed (`simulate`'s what-ifs).
  public static func compose(
    _ files: Files, functionName: String? = nil, transformXR: (Value) -> Value = { $0 }, note: (String) -> Void = { _ in }
  ) throws -> Composed {
    let document = try load(files.xr, as: "XR") { try YAMLValue.document($0) }
    guard case .object = document.value else {
      throw Fatal(
        description: "\(files.xr): expected the XR as a YAML mapping (apiVersion, kind, metadata, spec), "
          + "got \(UserError.describe(document.value))")
    }
    try rejectDates(document, path: files.xr)
    var xr = transformXR(document.value)
    if let path = files.xrd {
      let xrd = try load(path, as: "XRD") { try YAMLValue.document($0) }.value
      let schema: XRDSchema
      do {
        schema = try XRDSchema(xrd: xrd, xr: xr)
      } catch {
        throw Fatal(description: "\(path): \(error.description)")
      }
      xr = schema.defaulted(xr)
      let problems = schema.problems(xr)
      if !problems.isEmpty {
        let error = UserError(problems: problems.map { UserError.Problem(path: nil, message: $0) })
        throw Fatal(description: "\(files.xr): the API server would refuse this XR (the schema in \(path)): \(error.message)")
      }
    }
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
    // As `crossplane render`, the resources a requirement may find are the files' and the XR and
    // observed resources themselves.
    let required =
      files.requiredResources.isEmpty
      ? nil
      : try RequiredResourceFiles(paths: files.requiredResources, alsoKnown: [xr] + observed.keys.sorted().compactMap { observed[$0] })
    let schemas = try files.requiredSchemas.map { try RequiredSchemaFiles(folder: $0) }
    // What `crossplane render` advertises; without `--required-schemas` every schema is answered as
    // not found, as it answers them.
    let capabilities: Set<Capability> = [.requiredResources, .requiredSchemas, .conditions, .credentials]
    var request = CompositionRequest(
      composite: xr, input: step.input, observed: observed, capabilities: capabilities, fieldNotes: notes(document))
    var result = Composer.compose(request)
    var previous = Requirements()
    var calls = 1
    while !result.isFatal, result.requirements != previous {
      guard calls <= maxRequirementsIterations else {
        throw Fatal(
          description: "cannot render composite resource: cannot run Composition pipeline step \"\(step.name)\": requirements "
            + "didn't stabilize after the maximum number of iterations (\(maxRequirementsIterations))")
      }
      previous = result.requirements
      if let required { request.requiredResources = result.requirements.resources.mapValues(required.answer) }
      request.requiredSchemas = result.requirements.schemas.mapValues { schemas?.answer($0) }
      result = Composer.compose(request)
      calls += 1
    }
    if let fatal = result.results.first(where: { $0.severity == .fatal }) {
      throw Fatal(description: "cannot render composite resource: pipeline step \"\(step.name)\" returned a fatal result: \(fatal.message)")
    }
    // The step trusts the schemas only when the XR's own kind is among them (`ServedKinds`).
    let apiVersion = xr["apiVersion"]?.stringValue ?? ""
    if let schemas, schemas.answer(.init(apiVersion: apiVersion, kind: xr["kind"]?.stringValue ?? "")) == nil {
      note(
        "--required-schemas has no schema for the XR's own kind, so the step checks no kind it composes; add the XR's "
          + "group too (kubectl get --raw /openapi/v3/apis/\(apiVersion) > FILE.json)")
    }
    if required == nil {
      for (name, selector) in result.requirements.resources.sorted(by: { $0.key < $1.key }) {
        note(unansweredNote(requirement: name, selector))
      }
    }
    return Composed(xr: xr, result: result, step: step.name, compositionName: compositionName)
  }

  /// What the step asked for and how to give it to render.
  static func unansweredNote(requirement: String, _ selector: Requirements.ResourceSelector) -> String {
    let which: String
    switch selector.match {
    case .name(let name): which = "\(selector.kind) \(UserError.quoted(name))"
    case .labels(let labels):
      which = "every \(selector.kind) labelled \(labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))"
    }
    let namespace = selector.namespace.map { " in namespace \(UserError.quoted($0))" } ?? ""
    let group = selector.apiVersion.split(separator: "/").dropLast().first.map { ".\($0)" } ?? ""
    var kubectl = "kubectl get \(selector.kind.lowercased())\(group)"
    if case .name(let name) = selector.match { kubectl += " \(name)" }
    kubectl += selector.namespace.map { " -n \($0)" } ?? " -A"
    return "the step asks for \(which) (\(selector.apiVersion))\(namespace) (requirement \(UserError.quoted(requirement))) and "
      + "renders without checking it; to check it, pass what the cluster has with --required-resources FILE "
      + "(\(kubectl) -o yaml > FILE; an empty FILE says there is none)"
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
