/// AKS (`kcl/azure.k`): a resource group and the cluster in eastus, both named after the XR, with an
/// autoscaling default node pool (no network plugin: the apps step installs Cilium) and, when asked
/// for, a GPU node pool. The cluster writes the kubeconfig Secret `<xr>-cluster`.
enum AzureInfrastructure: CloudInfrastructure {
  static let location = "eastus"
  static let containerService = "containerservice.azure.m.upbound.io/v1beta1"

  static func vmSize(_ size: InfrastructureSpec.NodeSize) -> String {
    switch size {
    case .small: "Standard_D2_v2"
    case .medium: "Standard_D3_v2"
    case .large: "Standard_D4_v2"
    }
  }

  static func gpuVMSize(_ size: InfrastructureSpec.NodeSize) -> String {
    switch size {
    case .small: "Standard_NC4as_T4_v3"
    case .medium: "Standard_NC64as_T4_v3"
    case .large: "Standard_ND96asr_v4"
    }
  }

  /// AKS's cluster autoscaler settings for nodes that follow the apps; AKS's defaults for the rest.
  static func autoScalerProfile(_ autoscaling: NodeAutoscaling) -> Value {
    [
      "scaleDownUnneeded": .string(autoscaling.unneededTime),
      "scaleDownUtilizationThreshold": .string(autoscaling.utilizationThresholdText),
    ]
  }

  /// The cluster resource reports for both the control plane and the default node pool.
  static func controlPlaneKey(_ spec: InfrastructureSpec) -> String { "\(spec.name)-cluster" }
  static func nodePoolKey(_ spec: InfrastructureSpec) -> String { "\(spec.name)-cluster" }

  static func resources(_ spec: InfrastructureSpec, observed: [String: Value]) -> [(key: String, body: Value)] {
    let xr = spec.name
    func metadata(name: String, externalName: String) -> Value {
      ["name": .string(name), "annotations": ["crossplane.io/external-name": .string(externalName)]]
    }
    var cluster: Value = [
      "resourceGroupName": .string(xr), "location": .string(location), "dnsPrefix": "dot",
      "defaultNodePool": [
        "name": "nodepool1", "vmSize": .string(vmSize(spec.nodeSize)), "minCount": Value(spec.minNodeCount),
        "maxCount": Value(InfrastructureSpec.maxNodeCount), "autoScalingEnabled": true,
      ],
      "identity": ["type": "SystemAssigned"], "networkProfile": ["networkPlugin": "none"],
    ]
    cluster["kubernetesVersion"] = spec.version.map(Value.string)
    if spec.nodeAutoscaling.enabled {
      cluster["autoScalerProfile"] = autoScalerProfile(spec.nodeAutoscaling)
    }

    var items: [(key: String, body: Value)] = [
      (
        "\(xr)-resource-group",
        [
          "apiVersion": "azure.m.upbound.io/v1beta1", "kind": "ResourceGroup", "metadata": metadata(name: xr, externalName: xr),
          "spec": ["forProvider": ["location": .string(location)], "initProvider": [:]],
        ]
      ),
      (
        "\(xr)-cluster",
        [
          "apiVersion": .string(containerService), "kind": "KubernetesCluster", "metadata": metadata(name: xr, externalName: xr),
          "spec": ["forProvider": cluster, "writeConnectionSecretToRef": ["name": .string("\(xr)-cluster")]],
        ]
      ),
    ]
    if let gpu = spec.gpu {
      items.append(
        (
          "\(xr)-gpu",
          [
            "apiVersion": .string(containerService), "kind": "KubernetesClusterNodePool",
            "metadata": metadata(name: "\(xr)-gpu", externalName: "gpu"),
            "spec": [
              "forProvider": [
                "kubernetesClusterIdSelector": ["matchControllerRef": true], "vmSize": .string(gpuVMSize(gpu.nodeSize)),
                "autoScalingEnabled": true, "minCount": Value(gpu.minNodeCount), "maxCount": Value(gpu.maxNodeCount),
                "nodeLabels": ["gpu": "true"], "nodeTaints": ["nvidia.com/gpu=true:NoSchedule"],
              ]
            ],
          ]
        ))
    }
    return items
  }
}
