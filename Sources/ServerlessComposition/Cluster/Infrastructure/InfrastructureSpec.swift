/// What the infrastructure step reads of the Cluster XR: its name (everything in the cloud is named
/// after it), the cloud, and the cluster's version and node sizing, with the XRD's defaults applied
/// as the API server applies them (`examples/cluster/xrd.yaml`).
struct InfrastructureSpec {
  enum NodeSize: String, CaseIterable {
    case small
    case medium
    case large
  }

  /// The optional GPU node pool (`spec.parameters.gpu`).
  struct GPUPool {
    var nodeSize: NodeSize
    var minNodeCount: Int
    var maxNodeCount: Int
  }

  /// Every node pool of the upstream compositions scales up to this many nodes.
  static let maxNodeCount = 10

  var name: String
  var cloud: Cloud
  /// The Kubernetes version; nil leaves it to the cloud (the KCL skips an empty string as well).
  var version: String?
  var nodeSize: NodeSize
  var minNodeCount: Int
  var gpu: GPUPool?
  /// On Google, GKE's own HTTP load balancing is switched off when Envoy Gateway serves ingress.
  var envoyGateway: Bool

  /// Reads every field, collecting all problems before throwing.
  init(xr: Value, input: FunctionInput) throws(UserError) {
    var problems = ProblemList()
    let metadata = try Fields(xr["metadata"], path: "metadata")
    name = problems.check { () throws(UserError) in try metadata.requiredDNSLabel("name") } ?? ""
    cloud = problems.check { () throws(UserError) in try Cloud.resolve(input: input, xr: xr) } ?? .aws

    let parameters = try Fields(xr["spec"], path: "spec").child("parameters")
    guard parameters.exists else {
      problems.add(.field("spec.parameters", expected: "an object (the field is required)", got: nil))
      throw problems.error
    }
    let version = problems.check { () throws(UserError) in try parameters.string("version") } ?? nil
    self.version = version?.isEmpty == false ? version : nil
    nodeSize = problems.check { () throws(UserError) in try Self.nodeSize(parameters) } ?? .small
    minNodeCount =
      problems.check { () throws(UserError) in try parameters.int("minNodeCount", default: 1, min: 0, max: Self.maxNodeCount)! } ?? 1
    gpu = problems.check { () throws(UserError) in try Self.gpuPool(parameters.child("gpu")) } ?? nil
    envoyGateway =
      problems.check { () throws(UserError) in
        try parameters.child("apps").child("envoyGateway").bool("enabled", default: false) ?? false
      } ?? false
    if cloud == .azure && minNodeCount == 0 {
      problems.add(
        UserError(
          "spec.parameters.minNodeCount: on azure the nodes are AKS's system node pool, which keeps at least 1 node; "
            + "set 1 or more", path: "spec.parameters.minNodeCount"))
    }
    if !name.isEmpty {
      _ = problems.check { () throws(UserError) in try Self.requireRoleLabels(name: name, cloud: cloud) }
    }
    try problems.throwIfAny()
  }

  private static func nodeSize(_ fields: Fields) throws(UserError) -> NodeSize {
    let size = try fields.oneOf("nodeSize", NodeSize.allCases.map(\.rawValue), default: NodeSize.small.rawValue)
    return size.flatMap(NodeSize.init(rawValue:)) ?? .small
  }

  /// The KCL reads the pool's counts with `or`: 0, like absent, means the default (1 and 10). Kept,
  /// so that switching from it never shrinks a running GPU pool.
  private static func gpuPool(_ fields: Fields) throws(UserError) -> GPUPool? {
    guard try fields.bool("enabled", default: false) == true else { return nil }
    var problems = ProblemList()
    let size = problems.check { () throws(UserError) in try nodeSize(fields) } ?? .small
    let minNodes = problems.check { () throws(UserError) in try fields.int("minNodeCount", min: 0) } ?? nil
    let maxNodes = problems.check { () throws(UserError) in try fields.int("maxNodeCount", min: 0) } ?? nil
    try problems.throwIfAny()
    let pool = GPUPool(
      nodeSize: size, minNodeCount: minNodes.flatMap { $0 == 0 ? nil : $0 } ?? 1,
      maxNodeCount: maxNodes.flatMap { $0 == 0 ? nil : $0 } ?? Self.maxNodeCount)
    guard pool.minNodeCount <= pool.maxNodeCount else {
      throw UserError(
        "\(fields.path): minNodeCount \(pool.minNodeCount) is above maxNodeCount \(pool.maxNodeCount) (0 or absent counts as "
          + "1 and \(Self.maxNodeCount)); the cloud would reject the node pool: set minNodeCount <= maxNodeCount",
        path: fields.fieldPath("minNodeCount"))
    }
    return pool
  }

  /// On AWS the IAM roles are found by the label `role: <xr>-controlplane|nodegroup`, and a label
  /// value is at most 63 characters: a longer one would be rejected on apply.
  private static func requireRoleLabels(name: String, cloud: Cloud) throws(UserError) {
    guard cloud == .aws else { return }
    let suffix = "-controlplane"
    let longest = name + suffix
    guard longest.utf8.count <= Naming.maxDNSLabelLength else {
      throw UserError(
        "metadata.name: the IAM roles are found by the label role: \"<name>-controlplane\", which would be \(longest.utf8.count) "
          + "characters, more than a label value may have (\(Naming.maxDNSLabelLength)); use a name of at most "
          + "\(Naming.maxDNSLabelLength - suffix.utf8.count) characters", path: "metadata.name")
    }
  }
}
