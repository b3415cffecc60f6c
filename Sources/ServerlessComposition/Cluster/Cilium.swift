/// Cilium as the CNI on azure (bring-your-own CNI) and google (GKE), with mutual authentication
/// through SPIRE. EKS keeps its own CNI.
enum Cilium {
  static func add(to builder: inout ClusterBuilder, observed: [String: Value], xr: Value) throws(UserError) {
    let spec = builder.spec
    let settings: [(String, Value?)]
    switch spec.cloud {
    case .aws:
      return
    case .google:
      // The cluster's pod CIDR, from the XR status the infrastructure part fills in, once the node
      // pool exists (as the KCL reads it): observed now, or before (its status is kept while an
      // observation is missing for a reconcile).
      let nodePoolExists = observed["\(spec.name)-nodepool"] != nil || xr.lookup("status.nodePoolStatus") != nil
      let routingCIDR = nodePoolExists ? xr.lookup("status.field1") : nil
      settings =
        [
          ("nodeinit.enabled", "true"), ("nodeinit.reconfigureKubelet", "true"), ("nodeinit.removeCbrBridge", "true"),
          ("cni.binPath", "/home/kubernetes/bin"), ("gke.enabled", "true"), ("ipam.mode", "kubernetes"),
          ("ipv4NativeRoutingCIDR", routingCIDR),
        ] + mutualAuthentication
    case .azure:
      settings = [("aksbyocni.enabled", "true"), ("nodeinit.enabled", "true")] + mutualAuthentication
    }
    let set: [Value] = settings.map { name, value in
      var entry: Value = ["name": .string(name)]
      if let value { entry["value"] = value }
      return entry
    }
    // The KCL names this Release `<xr>-cilium` under the key `<xr>-app-cilium`, without management
    // policies; kept as is so switching changes nothing.
    let name = "\(spec.name)-cilium"
    let release = HelmRelease.make(
      name: name, externalName: "cilium", chart: ChartCatalog.chart("cilium", overrides: builder.charts),
      namespace: "kube-system", set: .array(set), managementPolicies: nil, providerConfig: builder.providerConfig)
    try builder.add(
      statusKey: "cilium", key: "\(spec.name)-app-cilium", body: release, usageBy: (HelmRelease.apiVersion, HelmRelease.kind, name))
  }

  private static let mutualAuthentication: [(String, Value?)] = [
    ("authentication.enabled", "true"), ("authentication.mutual.spire.enabled", "true"),
    ("authentication.mutual.spire.install.enabled", "true"),
  ]
}
