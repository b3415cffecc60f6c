/// The cloud load balancer in front of Envoy must not cut a request the interceptor holds through a
/// cold start: such a request sends no byte until the app answers. Envoy Gateway puts the Envoy proxy
/// behind a Service of type LoadBalancer; an `EnvoyProxy` referenced from the GatewayClass carries the
/// annotations each cloud's provider reads on that Service.
///
/// The longest wait an App may set is `coldStart.timeout` 1h plus the 15 s Envoy gives any answer.
/// - EKS: a Classic ELB (the in-tree provider's default), 60 s idle by default, which the default
///   75 s wait already exceeds; `aws-load-balancer-connection-idle-timeout` in seconds, at most 3600
///   (the ELB API's bound), so waits up to 3585 s are covered (cloud-provider-aws v1.36.0,
///   `pkg/providers/v1/aws.go`).
/// - AKS: a Standard Load Balancer, 4 minutes idle by default; `azure-load-balancer-tcp-idle-timeout`
///   in minutes, 4 to 100 (cloud-provider-azure v1.36.5, `pkg/provider/azure_loadbalancer.go`).
/// - GKE: an external passthrough Network Load Balancer, which ends no TCP connection on idleness: no
///   EnvoyProxy, the GatewayClass as before.
enum LoadBalancerIdleTimeout {
  static let envoyProxyName = "eg"

  /// The annotations of the Envoy proxy's Service on `cloud`; nil where the load balancer needs none.
  static func serviceAnnotations(_ cloud: Cloud) -> Value? {
    switch cloud {
    case .aws: ["service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout": "3600"]
    // 3615 s, rounded up to whole minutes.
    case .azure: ["service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout": "61"]
    case .google: nil
    }
  }

  /// The EnvoyProxy (gateway.envoyproxy.io/v1alpha1, Envoy Gateway 1.7) for `cloud`.
  static func envoyProxy(_ annotations: Value, namespace: String) -> Value {
    [
      "apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "EnvoyProxy",
      "metadata": ["name": .string(envoyProxyName), "namespace": .string(namespace)],
      "spec": ["provider": ["type": "Kubernetes", "kubernetes": ["envoyService": ["annotations": annotations]]]],
    ]
  }

  /// The GatewayClass's `parametersRef`; Envoy Gateway looks in `default` when the namespace is left out.
  static func parametersRef(namespace: String) -> Value {
    ["group": "gateway.envoyproxy.io", "kind": "EnvoyProxy", "name": .string(envoyProxyName), "namespace": .string(namespace)]
  }
}
