/// KEDA scaling: a ScaledObject on CPU/memory or on Envoy's request rate, and for scale-to-zero an
/// HTTPScaledObject that registers the host with the HTTP add-on's interceptor.
enum AppScaling {
  static let externalScalerAddress = "keda-add-ons-http-external-scaler.keda:9090"

  static func scaledObject(_ app: AppSpec) -> Value {
    var triggers: [Value]
    if let prometheusAddress = app.prometheusAddress {
      let requests = app.scaling?.requestsPerReplica ?? 100
      let query = "sum(rate(envoy_cluster_upstream_rq_total{envoy_cluster_name=~\"httproute/\(app.namespace)/\(app.name)/.*\"}[2m]))"
      triggers = [
        [
          "type": "prometheus",
          "metadata": ["serverAddress": .string(prometheusAddress), "query": .string(query), "threshold": .string(String(requests))],
        ]
      ]
      // At zero there is no traffic for Prometheus to see: the interceptor's queue wakes the app.
      if app.scalesToZeroBehindGateway {
        triggers.append([
          "type": "external-push",
          "metadata": ["httpScaledObject": .string(app.name), "scalerAddress": .string(externalScalerAddress)],
        ])
      }
    } else {
      triggers = ["cpu", "memory"].map { resource in
        ["type": .string(resource), "metricType": "Utilization", "metadata": ["value": "80"]]
      }
    }
    return [
      "apiVersion": "keda.sh/v1alpha1",
      "kind": "ScaledObject",
      "metadata": AppComposition.metadata(app),
      "spec": [
        "minReplicaCount": Value(app.minReplicas),
        "maxReplicaCount": Value(app.maxReplicas),
        "scaleTargetRef": ["name": .string(app.name)],
        "triggers": .array(triggers),
      ],
    ]
  }

  /// The ScaledObject above already carries the external-push trigger, so the add-on must not create
  /// its own (`skip-scaledobject-creation`).
  static func httpScaledObject(_ app: AppSpec) -> Value {
    [
      "apiVersion": "http.keda.sh/v1alpha1",
      "kind": "HTTPScaledObject",
      "metadata": AppComposition.metadata(app, annotations: ["httpscaledobject.keda.sh/skip-scaledobject-creation": "true"]),
      "spec": [
        "hosts": [.string(app.host)],
        "scaleTargetRef": ["name": .string(app.name), "service": .string(app.name), "port": Value(app.port)],
      ],
    ]
  }
}
