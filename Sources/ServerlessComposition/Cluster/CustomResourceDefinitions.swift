/// CRDs installed as Objects (the operators that ship no Helm chart), with schemas that keep unknown
/// fields: the operators validate their own resources.
enum CustomResourceDefinitions {
  struct Definition {
    var group: String
    var kind: String
    var version: String
    var shortNames: [String] = []
    var printerColumns: [(name: String, type: String, jsonPath: String)] = []
    /// An explicit schema, where the upstream CRD pins defaults; otherwise `preserveUnknownFields`.
    var schema: Value? = nil

    var plural: String { kind.lowercased() + "s" }
    var name: String { "\(plural).\(group)" }
  }

  static let preserveUnknownFields: Value = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]

  static func manifest(_ crd: Definition, annotations: Value? = nil) -> Value {
    var names: Value = [
      "kind": .string(crd.kind), "listKind": .string("\(crd.kind)List"), "plural": .string(crd.plural),
      "singular": .string(crd.kind.lowercased()),
    ]
    if !crd.shortNames.isEmpty { names["shortNames"] = .array(crd.shortNames.map(Value.string)) }
    var version: Value = [
      "name": .string(crd.version), "served": true, "storage": true, "subresources": ["status": [:]],
      "schema": ["openAPIV3Schema": crd.schema ?? preserveUnknownFields],
    ]
    if !crd.printerColumns.isEmpty {
      version["additionalPrinterColumns"] = .array(
        crd.printerColumns.map { ["name": .string($0.name), "type": .string($0.type), "jsonPath": .string($0.jsonPath)] })
    }
    var metadata: Value = ["name": .string(crd.name)]
    if let annotations { metadata["annotations"] = annotations }
    return [
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": metadata,
      "spec": ["group": .string(crd.group), "names": names, "scope": "Namespaced", "versions": [version]],
    ]
  }
}
