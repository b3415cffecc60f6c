import Foundation
import ServerlessComposition

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
    let (group, version) = RequiredResourceFiles.parts(selector.apiVersion)
    return components.first { component in
      (component["x-kubernetes-group-version-kind"]?.arrayValue ?? []).contains { gvk in
        gvk["group"]?.stringValue ?? "" == group && gvk["version"]?.stringValue == version && gvk["kind"]?.stringValue == selector.kind
      }
    }
  }
}
