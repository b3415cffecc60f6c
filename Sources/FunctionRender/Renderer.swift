import Foundation
import ServerlessComposition

/// Offline `render`: runs the composition in-process and prints what `crossplane render` prints for
/// a pipeline of this one function. No server, no Docker, no crossplane CLI.
public enum Renderer {
  /// The name this function has in Compositions' `functionRef`.
  public static let functionName = "function-serverless"

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

  /// Reads the files and renders. Bad YAML or a missing file is a one-line error naming the file.
  public static func render(_ files: Files, includeFunctionResults: Bool) throws -> String {
    let xr = try load(files.xr, as: "XR") { try YAMLValue.document($0) }
    let observed = try files.observed.map { path in
      try load(path, as: "observed resources") { try observedResources(YAMLValue.documents($0)) }
    } ?? [:]
    var input = try files.input.map { path in try load(path, as: "function input") { try YAMLValue.document($0) } }
    if let path = files.composition {
      let composition = try load(path, as: "Composition") { try YAMLValue.document($0) }
      input = try stepInput(composition, path: path)
    }
    let result = Composer.compose(CompositionRequest(composite: xr, input: input, observed: observed))
    return try render(xr: xr, result: result, includeFunctionResults: includeFunctionResults)
  }

  /// The YAML stream: the XR with its status, each composed resource by composition resource name,
  /// then (when asked) the results. A Fatal result is thrown instead.
  public static func render(xr: Value, result: CompositionResult, includeFunctionResults: Bool) throws -> String {
    if let fatal = result.results.first(where: { $0.severity == .fatal }) {
      throw Fatal(description: "pipeline step \(functionName) returned a fatal result: \(fatal.message)")
    }
    var documents = [renderedComposite(xr, result: result)]
    for name in result.resources.keys.sorted() {
      documents.append(renderedComposed(result.resources[name]!.resource, name: name, xr: xr))
    }
    if includeFunctionResults {
      documents += result.results.map { result in
        [
          "apiVersion": "render.crossplane.io/v1beta1", "kind": "Result", "step": .string(functionName),
          "severity": .string("SEVERITY_\(result.severity.rawValue.uppercased())"), "message": .string(result.message),
        ]
      }
    }
    return try documents.map { try "---\n" + YAMLValue.dump($0) }.joined()
  }

  static func renderedComposite(_ xr: Value, result: CompositionResult) -> Value {
    var metadata: Value = ["name": xr.lookup("metadata.name") ?? ""]
    if let namespace = xr.lookup("metadata.namespace") { metadata["namespace"] = namespace }
    var status = (xr["status"] ?? .object([:])).merging(.object(result.compositeStatus))
    if !result.conditions.isEmpty {
      status["conditions"] = .array(
        result.conditions.map { c in
          ["type": .string(c.type), "status": .string(c.status.rawValue), "reason": .string(c.reason), "message": .string(c.message)]
        })
    }
    return ["apiVersion": xr["apiVersion"] ?? "", "kind": xr["kind"] ?? "", "metadata": metadata, "status": status]
  }

  /// What Crossplane adds to every composed resource of an XR.
  static func renderedComposed(_ resource: Value, name: String, xr: Value) -> Value {
    var resource = resource
    let xrName = xr.lookup("metadata.name")?.stringValue ?? ""
    var metadata = resource["metadata"] ?? .object([:])
    metadata = metadata.merging([
      "annotations": ["crossplane.io/composition-resource-name": .string(name)],
      "generateName": .string("\(xrName)-"),
      "labels": ["crossplane.io/composite": .string(xrName)],
      "ownerReferences": [
        [
          "apiVersion": xr["apiVersion"] ?? "", "kind": xr["kind"] ?? "", "name": .string(xrName),
          "uid": xr.lookup("metadata.uid") ?? "", "controller": true, "blockOwnerDeletion": true,
        ]
      ],
    ])
    // A namespaced XR's composed resources live in its namespace.
    if let namespace = xr.lookup("metadata.namespace") { metadata["namespace"] = namespace }
    resource["metadata"] = metadata
    return resource
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

  /// The `input` of the Composition's pipeline step whose `functionRef.name` is this function.
  static func stepInput(_ composition: Value, path: String) throws -> Value? {
    let steps = composition.lookup("spec.pipeline")?.arrayValue ?? []
    guard let step = steps.first(where: { $0.lookup("functionRef.name")?.stringValue == functionName }) else {
      throw Fatal(description: "\(path): no step in spec.pipeline has functionRef.name \(functionName)")
    }
    return step["input"]
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
      let detail = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
      throw Fatal(description: "\(path): not a valid \(what) YAML file: \(detail)")
    }
  }
}
