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
  /// `spec.parameters.nodeAutoscaling`.
  var nodeAutoscaling: NodeAutoscaling
  /// The apps part runs Apps' databases (`apps.cnpg`): their volumes must be provisionable (`AWSVolumes`).
  var databases: Bool

  /// Reads every field, then checks them together.
  init(xr: Value, input: FunctionInput) throws(UserError) {
    let log = ProblemLog()
    let identity = ClusterIdentity.read(xr, input: input, log: log, withNamespace: false)
    let parameters = try ClusterIdentity.parameters(xr, log: log)
    let version = parameters.string("version")
    self.version = version?.isEmpty == false ? version : nil
    nodeSize = parameters.choice("nodeSize", default: NodeSize.small)
    minNodeCount = parameters.int("minNodeCount", default: 1, min: 0, max: Self.maxNodeCount)
    nodeAutoscaling = NodeAutoscaling.read(parameters)
    gpu = Self.gpuPool(parameters.child("gpu"), mayEmpty: nodeAutoscaling.enabled)
    envoyGateway = parameters.child("apps").child("envoyGateway").bool("enabled", default: false)
    databases = parameters.child("apps").child("cnpg").bool("enabled", default: false)
    log.require(
      !(identity.cloud == .azure && minNodeCount == 0),
      UserError(
        "spec.parameters.minNodeCount: on azure the nodes are AKS's system node pool, which keeps at least 1 node; "
          + "set 1 or more", path: "spec.parameters.minNodeCount"))
    if let name = identity.name, identity.cloud == .aws { Self.requireAWSRoleLabels(name: name, log: log) }
    (name, cloud) = try log.finish(identity.name, identity.cloud)
  }

  /// The KCL reads the pool's counts with `or`: 0, like absent, means the default (1 and 10). Kept,
  /// so that switching from it never shrinks a running GPU pool, except for a `minNodeCount: 0` while
  /// the nodes follow the apps (`mayEmpty`): then the pool may go to zero nodes.
  private static func gpuPool(_ fields: FieldReader, mayEmpty: Bool) -> GPUPool? {
    guard fields.bool("enabled", default: false) else { return nil }
    let size = fields.choice("nodeSize", default: NodeSize.small)
    let minNodes = fields.int("minNodeCount", min: 0)
    let maxNodes = fields.int("maxNodeCount", min: 0)
    let pool = GPUPool(
      nodeSize: size, minNodeCount: minNodes.flatMap { $0 == 0 && !mayEmpty ? nil : $0 } ?? 1,
      maxNodeCount: maxNodes.flatMap { $0 == 0 ? nil : $0 } ?? Self.maxNodeCount)
    let countsRead = (fields.raw("minNodeCount") == nil || minNodes != nil) && (fields.raw("maxNodeCount") == nil || maxNodes != nil)
    let sizeRead = fields.raw("nodeSize") == nil || NodeSize(rawValue: fields.raw("nodeSize")?.stringValue ?? "") != nil
    guard countsRead, sizeRead else { return nil }
    fields.require(
      pool.minNodeCount <= pool.maxNodeCount,
      UserError(
        "\(fields.path): minNodeCount \(pool.minNodeCount) is above maxNodeCount \(pool.maxNodeCount) (0 or absent counts as "
          + "1 and \(Self.maxNodeCount)); the cloud would reject the node pool: set minNodeCount <= maxNodeCount",
        path: fields.fieldPath("minNodeCount")))
    return pool
  }

  /// On AWS the IAM roles are found by the label `role: <xr>-controlplane|nodegroup`, and a label
  /// value is at most 63 characters: a longer one would be rejected on apply.
  private static func requireAWSRoleLabels(name: String, log: ProblemLog) {
    let suffix = "-controlplane"
    let longest = name + suffix
    log.require(
      longest.utf8.count <= Naming.maxDNSLabelLength,
      UserError(
        "metadata.name: the IAM roles are found by the label role: \"<name>-controlplane\", which would be \(longest.utf8.count) "
          + "characters, more than a label value may have (\(Naming.maxDNSLabelLength)); use a name of at most "
          + "\(Naming.maxDNSLabelLength - suffix.utf8.count) characters", path: "metadata.name"))
  }
}
