import Foundation
import FunctionRender
import Testing

/// The walkthrough's Cluster (`examples/cluster/cluster.yaml`) through the one-step AWS Composition
/// composes every resource the walkthrough's `crossplane beta trace` lists: the EKS infrastructure,
/// the Releases, the Objects, the ProviderConfigs and the Usages, by kind and name.
struct WalkthroughTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The trace's children of `Cluster/a-team` (seed 000 of the project's source articles, the
  /// `crossplane beta trace --namespace a-team clusters.devopstoolkit.ai a-team` output, with its
  /// namespace column dropped). The second `ProviderConfig/a-team` is provider-kubernetes'.
  static let trace = """
    InternetGateway/a-team
    MainRouteTableAssociation/a-team
    RouteTableAssociation/a-team-1a
    RouteTableAssociation/a-team-1b
    RouteTableAssociation/a-team-1c
    RouteTable/a-team
    Route/a-team
    SecurityGroupRule/a-team
    SecurityGroup/a-team
    Subnet/a-team-1a
    Subnet/a-team-1b
    Subnet/a-team-1c
    VPC/a-team
    Addon/a-team-ebs
    ClusterAuth/a-team
    Cluster/a-team
    NodeGroup/a-team
    ProviderConfig/a-team
    ProviderConfig/a-team-local
    Release/a-team-app-gateway-helm
    Release/a-team-app-keda
    Release/a-team-app-keda-add-ons-http
    Release/a-team-app-kube-prometheus-stack
    RolePolicyAttachment/a-team-cni
    RolePolicyAttachment/a-team-controlplane
    RolePolicyAttachment/a-team-registry
    RolePolicyAttachment/a-team-service
    RolePolicyAttachment/a-team-worker
    Role/a-team-controlplane
    Role/a-team-nodegroup
    Object/a-team-app-envoy-gateway
    Object/a-team-app-envoy-gateway-class
    Object/a-team-app-envoy-gateway-pod-monitor
    Object/a-team-ns-dev
    Object/a-team-ns-production
    ProviderConfig/a-team
    Usage/a-team-app-envoy-gateway-class-usage
    Usage/a-team-app-envoy-gateway-pod-monitor-usage
    Usage/a-team-app-envoy-gateway-usage
    Usage/a-team-app-gateway-helm-usage
    Usage/a-team-app-keda-add-ons-http-usage
    Usage/a-team-app-keda-usage
    Usage/a-team-app-kube-prometheus-stack-usage
    """

  @Test func oneStepClusterComposesEveryResourceOfTheTrace() throws {
    let examples = Self.repository.appendingPathComponent("examples/cluster")
    let rendered = try Renderer.render(
      Renderer.Files(
        xr: examples.appendingPathComponent("cluster.yaml").path,
        composition: examples.appendingPathComponent("composition-aws.yaml").path),
      includeFunctionResults: false)
    // The first document is the XR; the rest are the composed resources.
    let composed = try YAMLValue.documents(rendered).dropFirst().map { document in
      "\(document.value["kind"]?.stringValue ?? "")/\(document.value.lookup("metadata.name")?.stringValue ?? "")"
    }
    let traced = Self.trace.split(separator: "\n").map(String.init)
    let missing = Set(traced).subtracting(composed).sorted()
    #expect(missing.isEmpty, "not composed: \(missing)")
    // Two ProviderConfigs named a-team (helm's and kubernetes'), as in the trace.
    #expect(composed.filter { $0 == "ProviderConfig/a-team" }.count == 2)
    // Beyond the trace (crossplane-kubernetes c682447): the Usages 83c2e26 added for the cluster; the
    // EnvoyProxy that keeps the ELB from cutting a held request (docs/cluster.md, "The load balancer in front
    // of Envoy"); and CloudNativePG, which the example adds for the environment's database, with what
    // its volumes need on EKS (the EBS CSI driver's role and the Pod Identity agent); nodes that follow
    // the apps (the Cluster Autoscaler's IAM and Pod Identity; its chart waits for them to be observed)
    // and Metrics Server (docs/cluster.md, "Nodes that follow the apps").
    let extra = Set(composed).subtracting(traced).sorted()
    #expect(
      extra == [
        "Addon/a-team-pod-identity", "Object/a-team-app-envoy-proxy", "PodIdentityAssociation/a-team-autoscaler",
        "Policy/a-team-autoscaler", "Release/a-team-app-cloudnative-pg",
        "Release/a-team-app-metrics-server", "Role/a-team-autoscaler", "Role/a-team-ebs-csi", "RolePolicyAttachment/a-team-autoscaler",
        "RolePolicyAttachment/a-team-ebs-csi", "Usage/a-team-app-cloudnative-pg-usage",
        "Usage/a-team-app-envoy-proxy-usage", "Usage/a-team-app-metrics-server-usage", "Usage/a-team-cluster-auth-helm-usage",
        "Usage/a-team-cluster-auth-kubernetes-usage", "Usage/a-team-cluster-helm-usage", "Usage/a-team-cluster-kubernetes-usage",
      ])
  }
}
