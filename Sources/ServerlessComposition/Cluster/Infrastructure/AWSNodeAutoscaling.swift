/// What the Cluster Autoscaler needs on the AWS side (`spec.parameters.nodeAutoscaling`), composed by
/// the infrastructure part; the apps part installs its chart (`ClusterAutoscaler`). Its
/// ServiceAccount `kube-system/cluster-autoscaler` assumes an IAM role through EKS Pod Identity (the
/// agent add-on is `AWSInfrastructure.podIdentityAgent`), with the policy the autoscaler's AWS README recommends for
/// auto-discovery (cluster-autoscaler/cloudprovider/aws/README.md, "Full Cluster Autoscaler Features
/// Policy"). EKS tags a managed node group's Auto Scaling group for auto-discovery itself, and the
/// autoscaler reads a group at zero through `eks:DescribeNodegroup`, so no tag is added here.
enum AWSNodeAutoscaling {
  static let roleName = "autoscaler"
  static let namespace = "kube-system"
  static let serviceAccount = "cluster-autoscaler"
  /// The PodIdentityAssociation's composition resource name, which the apps part waits on.
  static let podIdentityKey = "podidentity-\(roleName)"

  static func resources(xr: String) -> [(key: String, body: Value)] {
    let (eks, iam, region) = (AWSInfrastructure.eks, AWSInfrastructure.iam, Value.string(AWSInfrastructure.region))
    let label: Value = .string("\(xr)-\(roleName)")
    return [
      (
        "iamrole-\(roleName)",
        AWSInfrastructure.managedResource(
          xr: xr, iam, "Role", name: roleName, labels: ["role": label],
          spec: ["forProvider": ["assumeRolePolicy": .string(AWSVolumes.podIdentityTrustPolicy)]])
      ),
      (
        "iampolicy-\(roleName)",
        AWSInfrastructure.managedResource(
          xr: xr, iam, "Policy", name: roleName, labels: ["policy": label], spec: ["forProvider": ["policy": .string(policy)]])
      ),
      (
        "iamattachment-\(roleName)",
        AWSInfrastructure.managedResource(
          xr: xr, iam, "RolePolicyAttachment", name: roleName,
          spec: [
            "forProvider": [
              "policyArnSelector": ["matchControllerRef": true, "matchLabels": ["policy": label]],
              "roleSelector": AWSInfrastructure.roleSelector(xr: xr, roleName),
            ]
          ])
      ),
      (
        podIdentityKey,
        AWSInfrastructure.managedResource(
          xr: xr, eks, "PodIdentityAssociation", name: roleName,
          spec: [
            "forProvider": [
              "region": region, "clusterNameSelector": AWSInfrastructure.owned, "namespace": .string(namespace),
              "serviceAccount": .string(serviceAccount), "roleArnSelector": AWSInfrastructure.roleSelector(xr: xr, roleName),
            ]
          ])
      ),
    ]
  }

  static let policy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": [
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLaunchConfigurations",
            "autoscaling:DescribeScalingActivities",
            "ec2:DescribeImages",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions",
            "ec2:GetInstanceTypesFromInstanceRequirements",
            "eks:DescribeNodegroup"
          ],
          "Resource": ["*"]
        },
        {
          "Effect": "Allow",
          "Action": ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
          "Resource": ["*"]
        }
      ]
    }

    """

  /// A node group's `spec` with the autoscaler in charge of its size: the desired size only at
  /// creation (`initProvider`), so that Crossplane does not set it back on every reconcile. While the
  /// observed desired size is below the minimum (a raised `minNodeCount`), the minimum goes to
  /// `forProvider` too: EKS refuses a minimum above the desired size, and the autoscaler does not
  /// raise a group to its minimum.
  static func nodeGroupSpec(_ forProvider: Value, observed: Value?) -> Value {
    var forProvider = forProvider
    let desired = forProvider["scalingConfig"]?["desiredSize"]
    forProvider["scalingConfig"]?["desiredSize"] = nil
    if let minimum = forProvider["scalingConfig"]?["minSize"]?.numberValue,
      let current = observed?.lookup("status.atProvider.scalingConfig.desiredSize")?.numberValue, current < minimum
    {
      forProvider["scalingConfig"]?["desiredSize"] = .number(minimum)
    }
    var spec: Value = ["forProvider": forProvider]
    if let desired { spec["initProvider"] = ["scalingConfig": ["desiredSize": desired]] }
    return spec
  }
}
