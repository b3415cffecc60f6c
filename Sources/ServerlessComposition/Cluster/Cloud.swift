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

  /// From the step input's `spec.provider`, else the XR's composition selector; neither is a problem
  /// that names both places (the KCL crashes with an evaluation trace there).
  static func read(input: FunctionInput, xr: Value, log: ProblemLog) -> Cloud? {
    let choices = allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    let labelPath = "spec.crossplane.compositionSelector.matchLabels.provider"
    let (provider, path) = input.provider.map { (Value.string($0), "input.spec.provider") } ?? (xr.lookup(labelPath), labelPath)
    switch provider {
    case .string(let name)? where Cloud(rawValue: name) != nil:
      return Cloud(rawValue: name)
    case nil, .null?:
      log.add(
        UserError(
          "the cloud is not known: set spec.provider (\(choices)) in the function's step input, "
            + "or \(labelPath) on the XR"))
    case let other?:
      log.add(.field(path, expected: "one of \(choices)", got: other, wantsString: true))
    }
    return nil
  }
}
