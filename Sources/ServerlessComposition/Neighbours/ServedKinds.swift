/// Whether the control plane serves the kinds a step composes, asked of a Crossplane that fetches
/// schemas (v2.2, `CAPABILITY_REQUIRED_SCHEMAS`): it answers from the API server's OpenAPI v3
/// discovery, with an empty schema for a kind nobody serves (crossplane v2.3.4
/// `internal/xfn/required_schemas.go`). Without the check, Crossplane fails to apply such a resource
/// with "no matches for kind" and the XR never shows what to install; with it, the step refuses
/// with the package and version. Only kinds of which no composed resource is observed yet are asked
/// for: an observed resource shows its kind is served, so a running XR asks for nothing.
enum ServedKinds {
  struct Kind: Hashable, Comparable {
    var apiVersion: String
    var kind: String

    var requirement: String { "kind/\(apiVersion)/\(kind)" }
    static func < (a: Kind, b: Kind) -> Bool { (a.apiVersion, a.kind) < (b.apiVersion, b.kind) }
  }

  /// The package that serves a kind's API group, and the version the function's schemas come from
  /// (docs/operations.md). Crossplane itself serves `protection.crossplane.io` from v2.0.
  static func package(group: String) -> String? {
    let contrib = "xpkg.crossplane.io/crossplane-contrib/"
    switch group {
    case "kubernetes.m.crossplane.io": return "\(contrib)provider-kubernetes:v1.2.1"
    case "helm.m.crossplane.io": return "\(contrib)provider-helm:v1.4.0"
    case "eks.aws.m.upbound.io": return "\(contrib)provider-aws-eks:v2.4.0"
    case "iam.aws.m.upbound.io": return "\(contrib)provider-aws-iam:v2.4.0"
    case "ec2.aws.m.upbound.io": return "\(contrib)provider-aws-ec2:v2.4.0"
    case "containerservice.azure.m.upbound.io": return "\(contrib)provider-azure-containerservice:v2.3.0"
    case "azure.m.upbound.io": return "\(contrib)provider-family-azure:v2.3.0"
    case "container.gcp.m.upbound.io": return "\(contrib)provider-gcp-container:v2.4.0"
    default: return nil
    }
  }

  /// The kinds to ask about: composed, and none of their resources observed.
  static func unconfirmed(_ composed: Composed, observed: [String: Value]) -> [Kind] {
    var kinds: Set<Kind> = []
    var confirmed: Set<Kind> = []
    for resource in composed.resources {
      let kind = Kind(apiVersion: resource.body["apiVersion"]?.stringValue ?? "", kind: resource.body["kind"]?.stringValue ?? "")
      kinds.insert(kind)
      if observed[resource.name] != nil { confirmed.insert(kind) }
    }
    return kinds.subtracting(confirmed).sorted()
  }

  /// Asks for the unconfirmed kinds' schemas and refuses, naming what to install, when Crossplane
  /// answered that some are not served. The XR's own kind is asked for too: it is served wherever
  /// the XR exists, so an answer without its schema means the answers say nothing (`crossplane
  /// render` without `--required-schemas` advertises schemas and answers every kind without one).
  static func check(_ composed: inout Composed, context: CompositionContext) throws(UserError) {
    guard context.fetchesRequiredSchemas else { return }
    let kinds = unconfirmed(composed, observed: context.observed)
    guard !kinds.isEmpty else { return }
    let own = Kind(apiVersion: context.xr["apiVersion"]?.stringValue ?? "", kind: context.xr["kind"]?.stringValue ?? "")
    for kind in kinds + [own] {
      composed.requirements.schemas[kind.requirement] = Requirements.SchemaSelector(apiVersion: kind.apiVersion, kind: kind.kind)
    }
    guard case .some(.some) = context.requiredSchemas[own.requirement] else { return }
    // Answered without a schema: nobody serves the kind.
    let missing = kinds.filter { if case .some(.none) = context.requiredSchemas[$0.requirement] { true } else { false } }
    guard !missing.isEmpty else { return }
    var byPackage: [String: [Kind]] = [:]
    for kind in missing {
      let group = String(kind.apiVersion.split(separator: "/").first ?? "")
      let package =
        group == Usage.apiVersion.split(separator: "/").first.map(String.init)
        ? "Crossplane v2.0 or newer" : Self.package(group: group).map { "the package \($0) or newer" } ?? "the CRD of \(group)"
      byPackage[package, default: []].append(kind)
    }
    throw UserError(
      problems: byPackage.keys.sorted().map { package in
        let kinds = byPackage[package, default: []]
        let apiVersions = Set(kinds.map(\.apiVersion)).sorted().joined(separator: ", ")
        return .init(
          path: nil,
          message: "the control plane does not serve \(apiVersions) \(kinds.map(\.kind).joined(separator: ", ")), which this step "
            + "composes; install \(package)")
      })
  }
}
