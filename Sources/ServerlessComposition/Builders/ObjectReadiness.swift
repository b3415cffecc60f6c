/// When provider-kubernetes reports an `Object` ready (`spec.readiness`), chosen per kind of the
/// manifest it wraps so that Ready means what a user means: serving, not merely applied. Without a
/// policy an Object is ready as soon as its manifest is applied, and the XR is Ready before a single
/// pod serves. provider-kubernetes evaluates the policy against the observed object on every poll.
enum ObjectReadiness: Equatable, Sendable {
  /// Ready once applied: kinds that report no readiness of their own (Service, Namespace, Secret,
  /// ReferenceGrant, Ingress, PodMonitor, RBAC), where applied is all there is to know.
  case successfulCreate
  /// Ready when the object's own `Ready` condition is `True` (KEDA, the HTTP add-on, External Secrets).
  case deriveFromObject
  /// Ready when the object has conditions and every one is `True` (a Deployment: `Available` and
  /// `Progressing`; it has no `Ready` condition).
  case allTrue
  /// Ready when a CEL expression over the observed object (`object`) is true: kinds whose readiness
  /// lives in conditions of other names (Gateway API, CRDs). Each guards with `has()`, since a missing
  /// field is an evaluation error in provider-kubernetes.
  case celQuery(String)

  /// `spec.readiness`, or nil for `SuccessfulCreate`: provider-kubernetes' default, so an Object that
  /// is ready once applied reads exactly as the KCL composed it.
  var value: Value? {
    switch self {
    case .successfulCreate: nil
    case .deriveFromObject: ["policy": "DeriveFromObject"]
    case .allTrue: ["policy": "AllTrue"]
    case .celQuery(let query): ["policy": "DeriveFromCelQuery", "celQuery": .string(query)]
    }
  }

  /// The policy for a manifest, by its apiVersion group and kind. A kind not listed reports nothing
  /// we could wait for, so it is ready once applied.
  static func forManifest(_ manifest: Value) -> ObjectReadiness {
    let apiVersion = manifest["apiVersion"]?.stringValue ?? ""
    // Searched as bytes: a search by Character walks grapheme clusters, and with Foundation imported
    // `contains("/")` would bridge to NSString.
    let group = apiVersion.utf8.firstIndex(of: UInt8(ascii: "/")).map { apiVersion[..<$0] } ?? ""
    return byKind["\(group)/\(manifest["kind"]?.stringValue ?? "")"] ?? .successfulCreate
  }

  /// `<group>/<kind>` -> policy. The table in docs/readiness.md mirrors this one.
  static let byKind: [String: ObjectReadiness] = [
    "apps/Deployment": .allTrue,
    "keda.sh/ScaledObject": .deriveFromObject,
    "http.keda.sh/HTTPScaledObject": .deriveFromObject,
    "external-secrets.io/ExternalSecret": .deriveFromObject,
    "external-secrets.io/ClusterSecretStore": .deriveFromObject,
    "postgresql.cnpg.io/Cluster": .deriveFromObject,
    "gateway.networking.k8s.io/HTTPRoute": .celQuery(
      "has(object.status) && has(object.status.parents) && size(object.status.parents) > 0 && "
        + "object.status.parents.all(p, has(p.conditions) && "
        + #"p.conditions.exists(c, c.type == "Accepted" && c.status == "True") && "#
        + #"p.conditions.exists(c, c.type == "ResolvedRefs" && c.status == "True"))"#),
    "gateway.networking.k8s.io/Gateway": .celQuery(
      "has(object.status) && has(object.status.conditions) && "
        + #"object.status.conditions.exists(c, c.type == "Accepted" && c.status == "True") && "#
        + #"object.status.conditions.exists(c, c.type == "Programmed" && c.status == "True")"#),
    "gateway.networking.k8s.io/GatewayClass": condition("Accepted"),
    "apiextensions.k8s.io/CustomResourceDefinition": condition("Established"),
  ]

  /// Ready when the object's condition `type` is `True`.
  private static func condition(_ type: String) -> ObjectReadiness {
    .celQuery(
      "has(object.status) && has(object.status.conditions) && "
        + #"object.status.conditions.exists(c, c.type == "\#(type)" && c.status == "True")"#)
  }
}
