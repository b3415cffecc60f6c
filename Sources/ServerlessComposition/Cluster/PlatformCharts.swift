/// Apps that are one Helm chart each, switched on by `apps.<app>.enabled`.
enum PlatformCharts {
  /// (app under spec.parameters.apps, release name, namespace, values)
  static let charts: [(app: String, release: String, namespace: String, values: Value?)] = [
    ("crossplane", "crossplane", "crossplane-system", nil),
    ("openfunction", "openfunction", "openfunction", ["revisionController": ["enable": true]]),
    ("dapr", "dapr", "dapr-system", nil),
    ("traefik", "traefik", "traefik", nil),
    // The cloud's node images bring the NVIDIA driver; the operator adds the rest.
    ("nvidia", "gpu-operator", "gpu-operator", ["driver": ["enabled": false]]),
  ]

  static func add(to builder: inout ClusterBuilder) throws(UserError) {
    for chart in charts where builder.spec.isEnabled(chart.app) {
      try builder.release(app: chart.app, chart.release, namespace: chart.namespace, values: chart.values)
    }
  }
}
