/// Crossplane's namespaced `Usage`: `by` cannot outlive `of`, so deleting the XR removes what runs on
/// a cluster before the cluster itself.
enum Usage {
  static let apiVersion = "protection.crossplane.io/v1beta1"

  struct Reference {
    var apiVersion: String
    var kind: String
    var name: String

    var value: Value {
      ["apiVersion": .string(apiVersion), "kind": .string(kind), "resourceRef": ["name": .string(name)]]
    }
  }

  static func make(name: String, of: Reference, by: Reference) -> Value {
    [
      "apiVersion": .string(apiVersion),
      "kind": "Usage",
      "metadata": ["name": .string(name), "annotations": ["crossplane.io/external-name": .string(name)]],
      "spec": ["of": of.value, "by": by.value],
    ]
  }
}
