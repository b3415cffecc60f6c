/// The Envoy AI Gateway (opt-in with `apps.aiGateway.enabled`, on top of Envoy Gateway): its CRDs and
/// controller charts, the Gateway API inference extension CRDs, and the extension-manager settings
/// that hook the AI gateway controller into Envoy Gateway.
struct AIGateway: ClusterApp {
  static let namespace = "envoy-ai-gateway-system"

  var app: PlatformApp { .aiGateway }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    let namespace = Self.namespace
    try builder.release(app: .aiGateway, "ai-gateway-crds-helm", namespace: namespace)
    try builder.release(app: .aiGateway, "ai-gateway-helm", namespace: namespace)
    let approval: Value = [
      "api-approved.kubernetes.io": "https://github.com/kubernetes-sigs/gateway-api-inference-extension/pull/1173",
      "inference.networking.k8s.io/bundle-version": "v1.3.1",
    ]
    for crd in [
      CustomResourceDefinitions.Definition(
        group: "inference.networking.k8s.io", kind: "InferencePool", version: "v1", shortNames: ["infpool"]),
      CustomResourceDefinitions.Definition(group: "inference.networking.x-k8s.io", kind: "InferenceObjective", version: "v1alpha2"),
    ] {
      try builder.object(
        app: .aiGateway, "inference-crd-\(crd.plural)", externalName: crd.name,
        manifest: CustomResourceDefinitions.manifest(crd, annotations: approval),
        managementPolicies: HelmRelease.createUpdateObserve)
    }
  }

  /// `values` of the gateway-helm Release when the AI gateway is on.
  static let gatewayValues: Value = [
    "config": [
      "envoyGateway": [
        "extensionApis": ["enableBackend": true],
        "extensionManager": [
          "backendResources": [["group": "inference.networking.k8s.io", "kind": "InferencePool", "version": "v1"]],
          "hooks": [
            "xdsTranslator": [
              "post": ["Translation", "Cluster", "Route"],
              "translation": [
                "cluster": ["includeAll": true], "listener": ["includeAll": true], "route": ["includeAll": true],
                "secret": ["includeAll": true],
              ],
            ]
          ],
          "service": [
            "fqdn": ["hostname": "ai-gateway-controller.envoy-ai-gateway-system.svc.cluster.local", "port": 1063]
          ],
        ],
      ]
    ]
  ]
}
