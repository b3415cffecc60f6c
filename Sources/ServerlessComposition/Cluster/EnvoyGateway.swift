/// Envoy Gateway with the GatewayClass and the Gateway `eg` every App's HTTPRoute attaches to
/// (HTTP on port 80, routes from all namespaces), the EnvoyProxy that keeps the cloud's load balancer
/// from cutting a held request (`LoadBalancerIdleTimeout`), and a PodMonitor so Prometheus scrapes the Envoy
/// proxies' request rate (what KEDA scales Apps on). With the AI gateway on (`AIGateway`), the
/// gateway-helm chart gets its extension settings. The Gateway's address is the Cluster's
/// `status.gateway` (`GatewayStatus`).
struct EnvoyGateway: ClusterApp {
  static let namespace = "envoy-gateway-system"

  var app: PlatformApp { .envoyGateway }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    let spec = builder.spec
    let namespace = Self.namespace
    let aiGateway = spec.isEnabled(.aiGateway)
    try builder.release(app: .envoyGateway, "gateway-helm", namespace: namespace, values: aiGateway ? AIGateway.gatewayValues : nil)
    var gatewayClass: Value = ["controllerName": "gateway.envoyproxy.io/gatewayclass-controller"]
    if let annotations = LoadBalancerIdleTimeout.serviceAnnotations(spec.cloud) {
      try builder.object(
        app: .envoyGateway, "envoy-proxy", manifest: LoadBalancerIdleTimeout.envoyProxy(annotations, namespace: namespace))
      gatewayClass["parametersRef"] = LoadBalancerIdleTimeout.parametersRef(namespace: namespace)
    }
    try builder.object(
      app: .envoyGateway, "envoy-gateway-class",
      manifest: [
        "apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass", "metadata": ["name": "eg"], "spec": gatewayClass,
      ])
    try builder.object(
      app: .envoyGateway, "envoy-gateway",
      manifest: [
        "apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
        "metadata": ["name": "eg", "namespace": .string(namespace)],
        "spec": [
          "gatewayClassName": "eg",
          "listeners": [
            ["name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": ["namespaces": ["from": "All"]]]
          ],
        ],
      ])
    if spec.isEnabled(.prometheus) {
      try builder.object(
        app: .envoyGateway, "envoy-gateway-pod-monitor",
        manifest: [
          "apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor",
          "metadata": [
            "name": "envoy-gateway-proxy", "namespace": .string(namespace), "labels": ["release": "kube-prometheus-stack"],
          ],
          "spec": [
            "selector": ["matchLabels": ["app.kubernetes.io/component": "proxy"]],
            "podMetricsEndpoints": [["port": "metrics", "path": "/stats/prometheus"]],
          ],
        ])
    }
  }
}
