/// Apps that are one Helm chart each, switched on by `apps.<app>.enabled`.
struct SingleChartApp: ClusterApp {
  let app: PlatformApp
  let release: String
  let namespace: String
  let values: Value?

  static let all: [SingleChartApp] = [
    SingleChartApp(app: .crossplane, release: "crossplane", namespace: "crossplane-system", values: nil),
    SingleChartApp(
      app: .openfunction, release: "openfunction", namespace: "openfunction", values: ["revisionController": ["enable": true]]),
    SingleChartApp(app: .dapr, release: "dapr", namespace: "dapr-system", values: nil),
    SingleChartApp(app: .traefik, release: "traefik", namespace: "traefik", values: nil),
    // The cloud's node images bring the NVIDIA driver; the operator adds the rest.
    SingleChartApp(app: .nvidia, release: "gpu-operator", namespace: "gpu-operator", values: ["driver": ["enabled": false]]),
    // Runs the Apps' own PostgreSQL (`spec.db.cnpg`); its chart installs the CRDs.
    SingleChartApp(app: .cnpg, release: "cloudnative-pg", namespace: "cnpg-system", values: nil),
  ]

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: app, release, namespace: namespace, values: values)
  }
}
