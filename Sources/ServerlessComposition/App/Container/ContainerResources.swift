/// `spec.resources` on the container, and what puts a GPU pod on the Cluster's GPU nodes.
extension Resources {
  /// The extended resource NVIDIA's device plugin (installed by the Cluster's `apps.nvidia`) advertises.
  static let gpuResource = "nvidia.com/gpu"
  /// The label and the taint every cloud's GPU pool carries as the Cluster's infrastructure part
  /// composes it (AWS `NodeGroup`, Azure `KubernetesClusterNodePool`, GKE `NodePool`); GKE adds its
  /// own `nvidia.com/gpu=present:NoSchedule`, which the same toleration (any value) covers.
  static let gpuNodeLabel = ("gpu", "true")
  static let gpuTaintKey = "nvidia.com/gpu"

  func apply(toPod podSpec: inout Value, container: inout Value) {
    func manifest(_ quantities: [(String, Quantity)]) -> Value {
      .object(JSONObject(uniqueKeysWithValues: quantities.map { ($0.0, Value.string($0.1.text)) }))
    }
    let requests = isSet ? requests.map(manifest) : manifest(Self.defaultRequests)
    var limits = isSet ? limits.map(manifest) : manifest(Self.defaultLimits)
    if let gpu {
      // An extended resource is limited, never overcommitted: the API server takes the limit as the
      // request too.
      limits = limits ?? [:]
      limits?[Self.gpuResource] = .string(String(gpu))
      podSpec["nodeSelector"] = [Self.gpuNodeLabel.0: .string(Self.gpuNodeLabel.1)]
      podSpec["tolerations"] = [["key": .string(Self.gpuTaintKey), "operator": "Exists", "effect": "NoSchedule"]]
    }
    var resources: Value = [:]
    if let limits { resources["limits"] = limits }
    if let requests { resources["requests"] = requests }
    container["resources"] = resources
  }

  /// The effective request of `name`: the request, or the limit the API server copies into it.
  func effectiveRequest(_ name: String) -> Quantity? {
    let (requests, limits) = isSet ? (requests ?? [], limits ?? []) : (Self.defaultRequests, Self.defaultLimits)
    return requests.first { $0.0 == name }?.1 ?? limits.first { $0.0 == name }?.1
  }
}
