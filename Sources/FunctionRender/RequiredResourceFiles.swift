import Foundation
import ServerlessComposition

/// `render --required-resources`: the resources a Crossplane would find for the step's
/// requirements, from YAML files (or folders of them), answered as Crossplane's render engine
/// answers (crossplane v2.3.4 `internal/render/client.go`): by name, the resource of that apiVersion,
/// kind, namespace and name; by labels, every resource of that group and kind (and version, when
/// both say one) carrying the labels, in the selector's namespace if it names one, sorted by
/// namespace and name.
struct RequiredResourceFiles {
  let resources: [Value]

  init(paths: [String]) throws {
    var resources: [Value] = []
    for path in paths {
      for file in try Self.yamlFiles(path) {
        let documents = try Renderer.load(file, as: "required resources") { try YAMLValue.documents($0).map(\.value) }
        // `kubectl get -o yaml` of several resources prints one `List` of them.
        resources += documents.flatMap { document -> [Value] in
          if document["kind"]?.stringValue?.hasSuffix("List") == true, let items = document["items"]?.arrayValue { return items }
          return document == .null ? [] : [document]
        }
      }
    }
    self.resources = resources
  }

  /// `path` itself, or the `.yaml` and `.yml` files in the folder `path`, sorted.
  static func yamlFiles(_ path: String) throws -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(path)/\($0)" }
  }

  func answer(_ selector: Requirements.ResourceSelector) -> [Value] {
    func parts(_ apiVersion: String) -> (group: String, version: String) {
      let split = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
      return split.count == 2 ? (split[0], split[1]) : ("", split.first ?? "")
    }
    let wanted = parts(selector.apiVersion)
    let matching = resources.filter { resource in
      let (group, version) = parts(resource["apiVersion"]?.stringValue ?? "")
      guard group == wanted.group, resource["kind"]?.stringValue == selector.kind else { return false }
      let namespace = resource.lookup("metadata.namespace")?.stringValue ?? ""
      switch selector.match {
      case .name(let name):
        return version == wanted.version && namespace == (selector.namespace ?? "")
          && resource.lookup("metadata.name")?.stringValue == name
      case .labels(let labels):
        if !wanted.version.isEmpty, !version.isEmpty, version != wanted.version { return false }
        if let only = selector.namespace, namespace != only { return false }
        let have = resource.lookup("metadata.labels")?.objectValue ?? [:]
        return labels.allSatisfy { have[$0.key]?.stringValue == $0.value }
      }
    }
    func key(_ resource: Value) -> String {
      "\(resource.lookup("metadata.namespace")?.stringValue ?? "")/\(resource.lookup("metadata.name")?.stringValue ?? "")"
    }
    return matching.sorted { key($0) < key($1) }
  }
}

/// `render --required-schemas`: OpenAPI v3 documents as `kubectl get --raw /openapi/v3/<group-version>`
/// prints them, JSON files in a folder (and its subfolders), as `crossplane render -s` reads them. A
/// kind's schema is the component whose `x-kubernetes-group-version-kind` names it; a kind none
/// names is answered without a schema, as Crossplane answers for a kind nobody serves.
struct RequiredSchemaFiles {
  let components: [Value]

  init(folder: String) throws {
    guard let walker = FileManager.default.enumerator(atPath: folder) else {
      throw Renderer.Fatal(description: "\(folder): cannot read the required schemas folder")
    }
    let files = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted()
    guard !files.isEmpty else {
      throw Renderer.Fatal(
        description: "\(folder): no JSON files found (save each with kubectl get --raw /openapi/v3/<group>/<version>)")
    }
    var components: [Value] = []
    for file in files {
      let document = try Renderer.load("\(folder)/\(file)", as: "OpenAPI v3 document") { try YAMLValue.document($0) }.value
      components += (document.lookup("components.schemas")?.objectValue ?? [:]).keys.sorted().compactMap {
        document.lookup("components.schemas")?[$0]
      }
    }
    self.components = components
  }

  func answer(_ selector: Requirements.SchemaSelector) -> Value? {
    let split = selector.apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
    let (group, version) = split.count == 2 ? (split[0], split[1]) : ("", split.first ?? "")
    return components.first { component in
      (component["x-kubernetes-group-version-kind"]?.arrayValue ?? []).contains { gvk in
        gvk["group"]?.stringValue ?? "" == group && gvk["version"]?.stringValue == version && gvk["kind"]?.stringValue == selector.kind
      }
    }
  }
}
