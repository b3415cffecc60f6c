/// EKS (`kcl/aws.k`): a VPC with three public subnets in us-east-1, its gateway, route table and a
/// security group; the control plane and node group IAM roles with their policies; the cluster, its
/// ClusterAuth (which writes the kubeconfig Secret `<xr>-cluster`), the EBS CSI add-on, the node
/// group and, when asked for, a GPU node group. Resources find each other by `matchControllerRef`
/// selectors (and the role labels), as upstream.
enum AWSInfrastructure: CloudInfrastructure {
  static let region = "us-east-1"
  static let ec2 = "ec2.aws.m.upbound.io/v1beta1"
  static let eks = "eks.aws.m.upbound.io/v1beta1"
  static let iam = "iam.aws.m.upbound.io/v1beta1"

  /// The three zones' subnets.
  static let zones = [(suffix: "1a", cidr: "10.0.0.0/24"), (suffix: "1b", cidr: "10.0.1.0/24"), (suffix: "1c", cidr: "10.0.2.0/24")]

  /// The policies attached to the two roles (`<xr>-<name>` attaches to `<xr>-<role>`).
  static let policyAttachments = [
    (name: "controlplane", role: "controlplane", policy: "AmazonEKSClusterPolicy"),
    (name: "service", role: "controlplane", policy: "AmazonEKSServicePolicy"),
    (name: "worker", role: "nodegroup", policy: "AmazonEKSWorkerNodePolicy"),
    (name: "cni", role: "nodegroup", policy: "AmazonEKS_CNI_Policy"),
    (name: "registry", role: "nodegroup", policy: "AmazonEC2ContainerRegistryReadOnly"),
  ]

  /// The roles and the AWS service that assumes each.
  static let roles = [(name: "controlplane", service: "eks"), (name: "nodegroup", service: "ec2")]

  static func instanceType(_ size: InfrastructureSpec.NodeSize) -> String {
    switch size {
    case .small: "t3.small"
    case .medium: "t3.medium"
    case .large: "t3.large"
    }
  }

  /// Selects the resource of this XR's composition (the only one there of its kind).
  static let owned: Value = ["matchControllerRef": true]

  /// Selects the XR's IAM role `<xr>-<name>` by its label.
  static func roleSelector(xr: String, _ name: String) -> Value {
    ["matchControllerRef": true, "matchLabels": ["role": .string("\(xr)-\(name)")]]
  }

  static func controlPlaneKey(_ spec: InfrastructureSpec) -> String { "ekscluster" }
  static func nodePoolKey(_ spec: InfrastructureSpec) -> String { "eksnodegroup" }

  /// A managed resource named `<xr>` or `<xr>-<name>`.
  static func managedResource(
    xr: String, _ apiVersion: String, _ kind: String, name: String = "", labels: Value? = nil, spec: Value
  ) -> Value {
    var metadata: Value = ["name": .string(name.isEmpty ? xr : "\(xr)-\(name)")]
    metadata["labels"] = labels
    return ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": metadata, "spec": spec]
  }

  static func resources(_ spec: InfrastructureSpec, observed: [String: Value]) -> [(key: String, body: Value)] {
    let xr = spec.name
    func role(_ name: String) -> Value { roleSelector(xr: xr, name) }
    func resource(_ apiVersion: String, _ kind: String, name: String = "", labels: Value? = nil, spec: Value) -> Value {
      managedResource(xr: xr, apiVersion, kind, name: name, labels: labels, spec: spec)
    }

    var cluster: Value = [
      "region": .string(region), "bootstrapSelfManagedAddons": true, "roleArnSelector": role("controlplane"),
      "vpcConfig": ["endpointPrivateAccess": true, "endpointPublicAccess": true, "subnetIdSelector": owned],
    ]
    cluster["version"] = spec.version.map(Value.string)

    var ebsAddon: JSONObject = ["addonName": "aws-ebs-csi-driver", "region": .string(region), "clusterNameSelector": owned]
    if spec.databases { ebsAddon.merge(AWSVolumes.ebsAddonSettings(observed: observed)) { _, volumes in volumes } }

    var items: [(key: String, body: Value)] = [
      ("ekscluster", resource(eks, "Cluster", spec: ["forProvider": cluster])),
      (
        "clusterAuth",
        resource(
          eks, "ClusterAuth",
          spec: [
            "forProvider": ["region": .string(region), "clusterNameSelector": owned],
            "writeConnectionSecretToRef": ["name": .string("\(xr)-cluster")],
          ])
      ),
      (
        "eksnodegroup",
        resource(
          eks, "NodeGroup",
          spec: nodeGroupSpec(
            [
              "region": .string(region), "clusterNameSelector": owned, "nodeRoleArnSelector": role("nodegroup"),
              "subnetIdSelector": owned,
              "scalingConfig": [
                "minSize": Value(spec.minNodeCount), "maxSize": Value(InfrastructureSpec.maxNodeCount),
                "desiredSize": Value(spec.minNodeCount),
              ],
              "instanceTypes": [.string(instanceType(spec.nodeSize))],
            ], spec, observed: observed["eksnodegroup"]))
      ),
      (
        "vpc-nodepool",
        resource(
          ec2, "VPC", spec: ["forProvider": ["region": .string(region), "cidrBlock": "10.0.0.0/16", "enableDnsSupport": true]])
      ),
      (
        "sg-nodepool",
        resource(
          ec2, "SecurityGroup",
          spec: [
            "forProvider": [
              "name": .string(xr), "description": "Cluster communication with worker nodes", "region": .string(region),
              "vpcIdSelector": owned,
            ]
          ])
      ),
      (
        "securityGroupRule",
        resource(
          ec2, "SecurityGroupRule",
          spec: [
            "forProvider": [
              "description": "I am too lazy to write descriptions", "region": .string(region), "type": "egress", "fromPort": 0,
              "toPort": 0, "protocol": "-1", "cidrBlocks": ["0.0.0.0/0"], "securityGroupIdSelector": owned,
            ]
          ])
      ),
      ("gateway", resource(ec2, "InternetGateway", spec: ["forProvider": ["region": .string(region), "vpcIdSelector": owned]])),
      ("routeTable", resource(ec2, "RouteTable", spec: ["forProvider": ["region": .string(region), "vpcIdSelector": owned]])),
      (
        "route",
        resource(
          ec2, "Route",
          spec: [
            "forProvider": [
              "region": .string(region), "routeTableIdSelector": owned, "destinationCidrBlock": "0.0.0.0/0",
              "gatewayIdSelector": owned,
            ]
          ])
      ),
      (
        "mainRouteTableAssociation",
        resource(
          ec2, "MainRouteTableAssociation",
          spec: ["forProvider": ["region": .string(region), "routeTableIdSelector": owned, "vpcIdSelector": owned]])
      ),
      (
        "addonEbs",
        resource(eks, "Addon", name: "ebs", spec: ["forProvider": .object(ebsAddon)])
      ),
    ]

    for zone in zones {
      let availabilityZone = Value.string("us-east-\(zone.suffix)")
      items.append(
        (
          "routeTableAssociation\(zone.suffix)",
          resource(
            ec2, "RouteTableAssociation", name: zone.suffix,
            spec: [
              "forProvider": [
                "region": .string(region), "routeTableIdSelector": owned,
                "subnetIdSelector": ["matchControllerRef": true, "matchLabels": ["zone": availabilityZone, "access": "public"]],
              ]
            ])
        ))
    }
    for zone in zones {
      let availabilityZone = Value.string("us-east-\(zone.suffix)")
      items.append(
        (
          "subnet-nodepool-\(zone.suffix)",
          resource(
            ec2, "Subnet", name: zone.suffix, labels: ["zone": availabilityZone, "access": "public"],
            spec: [
              "forProvider": [
                "region": .string(region), "availabilityZone": availabilityZone, "cidrBlock": .string(zone.cidr),
                "vpcIdSelector": owned, "mapPublicIpOnLaunch": true, "tags": ["kubernetes.io/role/elb": "1"],
              ]
            ])
        ))
    }
    for attachment in policyAttachments {
      items.append(
        (
          "iamattachment-\(attachment.name)",
          resource(
            iam, "RolePolicyAttachment", name: attachment.name,
            spec: [
              "forProvider": [
                "policyArn": .string("arn:aws:iam::aws:policy/\(attachment.policy)"), "roleSelector": role(attachment.role),
              ]
            ])
        ))
    }
    for iamRole in roles {
      items.append(
        (
          "iamrole-\(iamRole.name)",
          resource(
            iam, "Role", name: iamRole.name, labels: ["role": .string("\(xr)-\(iamRole.name)")],
            spec: ["forProvider": ["assumeRolePolicy": .string(assumeRolePolicy(service: iamRole.service))]])
        ))
    }
    if let gpu = spec.gpu {
      items.append(
        (
          "eksnodegroup-gpu",
          resource(
            eks, "NodeGroup", name: "gpu", spec: nodeGroupSpec(gpuNodeGroup(gpu, xr: xr), spec, observed: observed["eksnodegroup-gpu"]))
        ))
    }
    if spec.databases {
      items += AWSVolumes.resources(xr: xr)
    }
    if spec.databases || spec.nodeAutoscaling.enabled {
      items.append(("addonPodIdentity", podIdentityAgent(xr: xr)))
    }
    if spec.nodeAutoscaling.enabled {
      items += AWSNodeAutoscaling.resources(xr: xr)
    }
    return items
  }

  /// EKS Pod Identity's agent, through which the EBS CSI driver and the Cluster Autoscaler get their
  /// roles.
  static func podIdentityAgent(xr: String) -> Value {
    managedResource(
      xr: xr, eks, "Addon", name: "pod-identity",
      spec: ["forProvider": ["addonName": "eks-pod-identity-agent", "region": .string(region), "clusterNameSelector": owned]])
  }

  /// A node group's spec; with the autoscaler on, its desired size is set at creation only.
  static func nodeGroupSpec(_ forProvider: Value, _ spec: InfrastructureSpec, observed: Value?) -> Value {
    spec.nodeAutoscaling.enabled ? AWSNodeAutoscaling.nodeGroupSpec(forProvider, observed: observed) : ["forProvider": forProvider]
  }

  /// The trust policy, byte for byte as the KCL writes it (a change would update every role).
  static func assumeRolePolicy(service: String) -> String {
    """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": ["\(service).amazonaws.com"]},
        "Action": ["sts:AssumeRole"]
      }]
    }

    """
  }

  /// NVIDIA's AL2023 AMI, tainted so that only pods that ask for a GPU land there.
  static func gpuNodeGroup(_ gpu: InfrastructureSpec.GPUPool, xr: String) -> Value {
    let (instanceType, diskSize) =
      switch gpu.nodeSize {
      case .small: ("g5.xlarge", 100)
      case .medium: ("g5.12xlarge", 200)
      case .large: ("p4d.24xlarge", 500)
      }
    return [
      "region": .string(region), "clusterNameSelector": owned, "nodeRoleArnSelector": roleSelector(xr: xr, "nodegroup"),
      "subnetIdSelector": owned, "amiType": "AL2023_x86_64_NVIDIA",
      "scalingConfig": [
        "minSize": Value(gpu.minNodeCount), "maxSize": Value(gpu.maxNodeCount), "desiredSize": Value(gpu.minNodeCount),
      ],
      "instanceTypes": [.string(instanceType)], "diskSize": Value(diskSize), "labels": ["gpu": "true"],
      "taint": [["effect": "NO_SCHEDULE", "key": "nvidia.com/gpu", "value": "true"]],
    ]
  }
}
