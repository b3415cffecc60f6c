/// GKE (`kcl/google.k`): a regional cluster in us-east1 without its default node pool, a node pool
/// across three zones (tainted until Cilium's agent is ready: the apps step installs Cilium) and,
/// when asked for, a GPU node pool. The cluster writes the kubeconfig Secret `<xr>-cluster`.
enum GoogleInfrastructure: CloudInfrastructure {
  static let location = "us-east1"
  static let container = "container.gcp.m.upbound.io/v1beta1"
  static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

  static func machineType(_ size: InfrastructureSpec.NodeSize) -> String {
    switch size {
    case .small: "e2-standard-2"
    case .medium: "e2-standard-4"
    case .large: "e2-standard-16"
    }
  }

  /// The GPU pool's machine and its accelerators.
  static func gpuMachine(_ size: InfrastructureSpec.NodeSize) -> (machineType: String, accelerator: String, count: Int) {
    switch size {
    case .small: ("n1-standard-4", "nvidia-tesla-t4", 1)
    case .medium: ("a2-highgpu-4g", "nvidia-tesla-a100", 4)
    case .large: ("a2-highgpu-8g", "nvidia-tesla-a100", 8)
    }
  }

  /// The profile for nodes that follow the apps (`NodeAutoscaling`).
  static let autoscalingProfile = "OPTIMIZE_UTILIZATION"

  static func controlPlaneKey(_ spec: InfrastructureSpec) -> String { "\(spec.name)-cluster" }
  static func nodePoolKey(_ spec: InfrastructureSpec) -> String { "\(spec.name)-nodepool" }

  static func resources(_ spec: InfrastructureSpec, observed: [String: Value]) -> [(key: String, body: Value)] {
    let xr = spec.name
    func resource(_ kind: String, name: String, spec: Value) -> Value {
      [
        "apiVersion": .string(container), "kind": .string(kind),
        "metadata": ["name": .string(name), "annotations": ["crossplane.io/external-name": .string(name)]], "spec": spec,
      ]
    }
    let management: Value = ["autoRepair": true, "autoUpgrade": true]
    let version = spec.version.map(Value.string)

    var cluster: Value = [
      "deletionProtection": false, "location": .string(location), "initialNodeCount": 1, "removeDefaultNodePool": true,
      "clusterAutoscaling": ["autoProvisioningDefaults": ["management": management]],
    ]
    cluster["minMasterVersion"] = version
    if spec.nodeAutoscaling.enabled {
      // GKE's autoscaler takes no unneeded time or threshold: this profile removes nodes sooner than
      // BALANCED, its default.
      cluster["clusterAutoscaling"]?["autoscalingProfile"] = .string(autoscalingProfile)
    }
    if spec.envoyGateway {
      cluster["addonsConfig"] = ["httpLoadBalancing": ["disabled": true]]
    }

    var nodePool: Value = [
      "initialNodeCount": Value(spec.minNodeCount), "nodeLocations": ["us-east1-b", "us-east1-c", "us-east1-d"],
      "clusterSelector": ["matchControllerRef": true],
      "nodeConfig": [
        "machineType": .string(machineType(spec.nodeSize)), "oauthScopes": [.string(cloudPlatformScope)],
        "taint": [["key": "node.cilium.io/agent-not-ready", "value": "true", "effect": "NO_EXECUTE"]],
      ],
      "autoscaling": ["minNodeCount": Value(spec.minNodeCount), "maxNodeCount": Value(InfrastructureSpec.maxNodeCount)],
      "management": management,
    ]
    nodePool["version"] = version

    var items: [(key: String, body: Value)] = [
      (
        "\(xr)-cluster",
        resource("Cluster", name: xr, spec: ["forProvider": cluster, "writeConnectionSecretToRef": ["name": .string("\(xr)-cluster")]])
      ),
      ("\(xr)-nodepool", resource("NodePool", name: xr, spec: ["forProvider": nodePool])),
    ]
    if let gpu = spec.gpu {
      let machine = gpuMachine(gpu.nodeSize)
      var gpuPool: Value = [
        "clusterSelector": ["matchControllerRef": true], "nodeLocations": ["us-east1-c"],
        // The KCL's count, 1 for a pool that may empty: changing it recreates the pool.
        "initialNodeCount": Value(max(gpu.minNodeCount, 1)),
        "nodeConfig": [
          "machineType": .string(machine.machineType),
          "guestAccelerator": [["type": .string(machine.accelerator), "count": Value(machine.count)]],
          "oauthScopes": [.string(cloudPlatformScope)], "labels": ["gpu": "true"],
          "taint": [["key": "nvidia.com/gpu", "value": "true", "effect": "NO_SCHEDULE"]],
        ],
        "autoscaling": ["minNodeCount": Value(gpu.minNodeCount), "maxNodeCount": Value(gpu.maxNodeCount)],
        "management": management,
      ]
      gpuPool["version"] = version
      items.append(("\(xr)-gpu", resource("NodePool", name: "\(xr)-gpu", spec: ["forProvider": gpuPool])))
    }
    return items
  }
}
