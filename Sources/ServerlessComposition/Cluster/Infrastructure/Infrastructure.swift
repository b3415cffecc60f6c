/// The Cluster's `infrastructure` part: the cloud's Kubernetes cluster with its network, node pools
/// and IAM, drop-in for crossplane-kubernetes' `kcl/aws.k`, `azure.k` and `google.k` (83c2e26):
/// the same composition resource names, names, labels, selectors and external names, so that a
/// Composition can swap its KCL step for this one without Crossplane replacing anything.
/// `Tests/parity/infra/` pins the output.
enum Infrastructure {
  /// - Parameter lastStatus: the XR's status as last written, whose observed fields stand in for an
  ///   observation missing in this call.
  static func add(
    to composed: inout Composed, _ spec: InfrastructureSpec, observed: [String: Value], lastStatus: Value?
  ) throws(UserError) {
    let cloud = spec.cloud.infrastructure
    // Every name is the XR's (a DNS label) plus a short suffix, so none needs checking here.
    for (key, body) in cloud.resources(spec, observed: observed) {
      try composed.add(key, body)
    }
    for usage in usages(spec) {
      try composed.add(usage.key, usage.body)
    }
    composed.status.merge(status(spec, observed: observed, lastStatus: lastStatus)) { _, infrastructure in infrastructure }
  }

  /// Usages that hold the cloud's cluster (and on AWS its ClusterAuth, which writes the kubeconfig)
  /// until the ProviderConfigs that reach it are gone, so that deleting the XR removes the apps
  /// before the cluster they run on. Named `<xr>-cluster[-auth]-<helm|kubernetes>-usage`.
  static func usages(_ spec: InfrastructureSpec) -> [(key: String, body: Value)] {
    let cluster = spec.cloud.clusterResource
    var protected = [(prefix: "cluster", kind: cluster.kind)]
    if spec.cloud == .aws {
      protected.insert((prefix: "cluster-auth", kind: "ClusterAuth"), at: 0)
    }
    let users = [(suffix: "helm", apiVersion: HelmRelease.apiVersion), (suffix: "kubernetes", apiVersion: KubernetesObject.apiVersion)]
    return protected.flatMap { of in
      users.map { by in
        let name = "\(spec.name)-\(of.prefix)-\(by.suffix)-usage"
        let body = Usage.make(
          name: name, of: Usage.Reference(apiVersion: cluster.apiVersion, kind: of.kind, name: spec.name),
          by: Usage.Reference(apiVersion: by.apiVersion, kind: "ProviderConfig", name: spec.name))
        return (name, body)
      }
    }
  }

  /// `status.clusterName`, and the control plane's and node pool's state from the observed
  /// resources: the reason of their `Ready` condition (`Available`, `Creating`, ...). The KCL reads
  /// the first condition, whichever it is; a malformed observation leaves the field out. A resource
  /// not observed in this call keeps its fields' last value, as the KCL's XR did: a field that
  /// disappeared for one reconcile would change what is composed from it (Cilium's routing CIDR).
  static func status(_ spec: InfrastructureSpec, observed: [String: Value], lastStatus: Value?) -> [String: Value] {
    let cloud = spec.cloud.infrastructure
    var status: [String: Value] = ["clusterName": .string(spec.name)]
    func observedOrLast(_ field: String, of resource: Value?, _ read: (Value) -> String?) {
      let value = resource.map(read) ?? lastStatus?[field]?.stringValue
      if let value { status[field] = .string(value) }
    }
    let controlPlane = observed[cloud.controlPlaneKey(spec)]
    observedOrLast("controlPlaneStatus", of: controlPlane, readyReason)
    observedOrLast("nodePoolStatus", of: observed[cloud.nodePoolKey(spec)], readyReason)
    // The upstream XRD's placeholder field, which the KCL fills with the cluster's pod CIDR; a CIDR
    // does not change, so one observed without it (yet) keeps the last too.
    if spec.cloud == .google,
      let cidr = controlPlane?.lookup("status.atProvider.clusterIpv4Cidr")?.stringValue ?? lastStatus?["field1"]?.stringValue
    {
      status["field1"] = .string(cidr)
    }
    return status
  }

  private static func readyReason(_ resource: Value) -> String? {
    let conditions = resource.lookup("status.conditions")?.arrayValue ?? []
    let ready = conditions.first { $0["type"]?.stringValue == "Ready" }
    return ready?["reason"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
  }
}

/// One cloud's infrastructure, one file each.
protocol CloudInfrastructure {
  /// Composition resource name -> managed resource, in the KCL's order; `observed` for what only an
  /// observed resource tells (an ARN).
  static func resources(_ spec: InfrastructureSpec, observed: [String: Value]) -> [(key: String, body: Value)]
  /// The composition resource names whose `Ready` reasons become the XR's status.
  static func controlPlaneKey(_ spec: InfrastructureSpec) -> String
  static func nodePoolKey(_ spec: InfrastructureSpec) -> String
}

extension Cloud {
  var infrastructure: CloudInfrastructure.Type {
    switch self {
    case .aws: AWSInfrastructure.self
    case .azure: AzureInfrastructure.self
    case .google: GoogleInfrastructure.self
    }
  }
}
