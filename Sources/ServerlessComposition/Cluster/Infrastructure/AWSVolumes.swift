/// What lets a PersistentVolumeClaim bind on EKS (the database volumes of Apps with `spec.db.cnpg`),
/// composed with `apps.cnpg.enabled`. A new EKS cluster (1.30 and later) has no default StorageClass,
/// and the EBS CSI driver the KCL installs has no AWS permissions, so a claim never gets a volume:
/// - the driver's add-on makes its default StorageClass `ebs-csi-default-sc`
///   (`defaultStorageClass.enabled`, add-on v1.31.0 and later);
/// - an IAM role the driver's controller (ServiceAccount `kube-system/ebs-csi-controller-sa`) assumes
///   through EKS Pod Identity, with AWS's `AmazonEBSCSIDriverPolicy`, and the Pod Identity agent
///   add-on. Pod Identity rather than the nodes' role: on AL2023 nodes (the default from 1.30) pods
///   cannot reach the node's credentials (an IMDS hop limit of 1).
///
/// The add-on's association names the role by its ARN, which only the observed role tells: the add-on
/// is composed without it until then (a claim waits, nothing breaks).
enum AWSVolumes {
  static let roleName = "ebs-csi"
  static let serviceAccount = "ebs-csi-controller-sa"

  /// The role and its policy, by composition resource name (the Pod Identity agent is
  /// `AWSInfrastructure.podIdentityAgent`).
  static func resources(xr: String) -> [(key: String, body: Value)] {
    let iam = AWSInfrastructure.iam
    return [
      (
        "iamrole-\(roleName)",
        AWSInfrastructure.managedResource(
          xr: xr, iam, "Role", name: roleName, labels: ["role": .string("\(xr)-\(roleName)")],
          spec: ["forProvider": ["assumeRolePolicy": .string(podIdentityTrustPolicy)]])
      ),
      (
        "iamattachment-\(roleName)",
        AWSInfrastructure.managedResource(
          xr: xr, iam, "RolePolicyAttachment", name: roleName,
          spec: [
            "forProvider": [
              "policyArn": "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
              "roleSelector": AWSInfrastructure.roleSelector(xr: xr, roleName),
            ]
          ])
      ),
    ]
  }

  /// The EBS CSI driver add-on's settings: its default StorageClass, and the role once its ARN is
  /// observed; while the Role's observation is missing, the association as last applied (EKS would
  /// otherwise drop it, and the driver its credentials, for a reconcile).
  static func ebsAddonSettings(observed: [String: Value]) -> JSONObject {
    var settings: JSONObject = ["configurationValues": #"{"defaultStorageClass":{"enabled":true}}"#]
    if let arn = observed["iamrole-\(roleName)"]?.lookup("status.atProvider.arn")?.stringValue, !arn.isEmpty {
      settings["podIdentityAssociation"] = [["roleArn": .string(arn), "serviceAccount": .string(serviceAccount)]]
    } else if let lastApplied = observed["addonEbs"]?.lookup("spec.forProvider.podIdentityAssociation"), lastApplied.arrayValue != nil {
      settings["podIdentityAssociation"] = lastApplied
    }
    return settings
  }

  /// EKS Pod Identity's trust policy (the Pod Identity agent assumes the role and tags the session).
  static let podIdentityTrustPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "pods.eks.amazonaws.com"},
        "Action": ["sts:AssumeRole", "sts:TagSession"]
      }]
    }

    """
}
