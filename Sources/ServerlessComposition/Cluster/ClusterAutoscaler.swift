/// The Cluster Autoscaler on EKS (`spec.parameters.nodeAutoscaling`), from its chart: it finds the
/// cluster's managed node groups by the tags EKS gives their Auto Scaling groups, removes a node that
/// has been unneeded for `unneededTime`, and adds one when a pod cannot be scheduled. Its AWS
/// permissions come from the infrastructure part (`AWSNodeAutoscaling`). AKS and GKE autoscale their
/// pools themselves.
struct ClusterAutoscaler: ClusterApp {
  var app: PlatformApp { .clusterAutoscaler }

  func isComposed(in spec: ClusterSpec) -> Bool { spec.cloud == .aws && spec.nodeAutoscaling.enabled }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    let autoscaling = builder.spec.nodeAutoscaling
    try builder.release(
      app: .clusterAutoscaler, "cluster-autoscaler", namespace: AWSNodeAutoscaling.namespace,
      values: [
        "cloudProvider": "aws", "awsRegion": .string(AWSInfrastructure.region),
        // The EKS cluster is named after the XR.
        "autoDiscovery": ["clusterName": .string(builder.spec.name)],
        "rbac": ["serviceAccount": ["name": .string(AWSNodeAutoscaling.serviceAccount)]],
        "extraArgs": [
          "scale-down-unneeded-time": .string(autoscaling.unneededTime),
          "scale-down-utilization-threshold": .string(autoscaling.utilizationThresholdText),
        ],
      ])
  }
}
