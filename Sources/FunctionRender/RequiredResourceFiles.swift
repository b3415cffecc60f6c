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

  /// - Parameter alsoKnown: resources render has anyway (the XR, the observed resources), which a
  ///   requirement finds too.
  init(paths: [String], alsoKnown: [Value] = []) throws {
    var resources = alsoKnown
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
    // A resource given twice is the last one given, as in Crossplane's render store.
    var seen: Set<String> = []
    self.resources = resources.reversed().filter { seen.insert(Self.identity($0)).inserted }.reversed()
  }

  /// `group/version` (`v1` for the core group) as its two parts.
  static func parts(_ apiVersion: String) -> (group: String, version: String) {
    let split = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
    return split.count == 2 ? (split[0], split[1]) : ("", split.first ?? "")
  }

  static func identity(_ resource: Value) -> String {
    [resource["apiVersion"], resource["kind"], resource.lookup("metadata.namespace"), resource.lookup("metadata.name")]
      .map { $0?.stringValue ?? "" }.joined(separator: "/")
  }

  /// `path` itself, or the `.yaml` and `.yml` files in the folder `path`, sorted.
  static func yamlFiles(_ path: String) throws -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(path)/\($0)" }
    guard !files.isEmpty else { throw Renderer.Fatal(description: "\(path): no YAML files (.yaml, .yml) in the folder") }
    return files
  }

  func answer(_ selector: Requirements.ResourceSelector) -> [Value] {
    let wanted = Self.parts(selector.apiVersion)
    let matching = resources.filter { resource in
      let (group, version) = Self.parts(resource["apiVersion"]?.stringValue ?? "")
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
