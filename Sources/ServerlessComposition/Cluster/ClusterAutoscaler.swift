/// The Cluster Autoscaler on EKS (`spec.parameters.nodeAutoscaling`), from its chart: it finds the
/// cluster's managed node groups by the tags EKS gives their Auto Scaling groups, removes a node that
/// has been unneeded for `unneededTime`, and adds one when a pod cannot be scheduled. Its AWS
/// permissions come from the infrastructure part (`AWSNodeAutoscaling`). AKS and GKE autoscale their
/// pools themselves.
///
/// EKS hands a pod its Pod Identity credentials when the pod is created: an autoscaler pod that starts
/// before its PodIdentityAssociation exists never gets any and crash-loops until it is deleted. So the
/// chart is installed once the association is observed ready, and kept once installed (an observation
/// missing later does not uninstall it). Without this function's infrastructure part (the KCL's, say)
/// there is no association, and no autoscaler.
struct ClusterAutoscaler: ClusterApp {
  var app: PlatformApp { .clusterAutoscaler }

  func isComposed(in spec: ClusterSpec) -> Bool { spec.cloud == .aws && spec.nodeAutoscaling.enabled }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    let installed = builder.observed["\(builder.spec.name)-app-cluster-autoscaler"] != nil
    let credentialsReady =
      ReadinessPolicy.whenObservedReady.readiness(observed: builder.observed[AWSNodeAutoscaling.podIdentityKey]) == .ready
    guard installed || credentialsReady else { return }
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
