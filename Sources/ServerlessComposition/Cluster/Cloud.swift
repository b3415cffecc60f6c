/// The cloud a Cluster runs on. It decides what the Usages protect (the cloud's cluster resource,
/// composed by the infrastructure step and named after the XR) and a few cloud-specific settings.
enum Cloud: String, CaseIterable {
  case aws
  case azure
  case google

  /// The managed resource of the cloud's Kubernetes cluster, as the infrastructure step composes it.
  var clusterResource: (apiVersion: String, kind: String) {
    switch self {
    case .aws: ("eks.aws.m.upbound.io/v1beta1", "Cluster")
    case .azure: ("containerservice.azure.m.upbound.io/v1beta1", "KubernetesCluster")
    case .google: ("container.gcp.m.upbound.io/v1beta1", "Cluster")
    }
  }

  /// From the step input's `spec.provider`, else the XR's composition selector; neither is a Fatal
  /// that names both places (the KCL crashes with an evaluation trace there).
  static func resolve(input: FunctionInput, xr: Value) throws(UserError) -> Cloud {
    let choices = allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    if let provider = input.provider {
      guard let cloud = Cloud(rawValue: provider) else {
        throw .field("input.spec.provider", expected: "one of \(choices)", got: .string(provider))
      }
      return cloud
    }
    let labelPath = "spec.crossplane.compositionSelector.matchLabels.provider"
    switch xr.lookup(labelPath) {
    case .string(let provider)?:
      guard let cloud = Cloud(rawValue: provider) else {
        throw .field(labelPath, expected: "one of \(choices)", got: .string(provider))
      }
      return cloud
    case nil, .null?:
      throw UserError(
        "the cloud is not known: set spec.provider (\(choices)) in the function's step input, "
          + "or \(labelPath) on the XR")
    case let other?:
      throw .field(labelPath, expected: "one of \(choices)", got: other)
    }
  }
}
