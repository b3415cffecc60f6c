/// Metrics of the custom resources scale to zero leaves its state in, which no exporter publishes:
/// KEDA's `paused-scale-in` annotation on a ScaledObject (a rollout in progress, `RolloutScaleInPause`)
/// and CloudNativePG's `cnpg.io/hibernation` condition on a database (`DatabaseHibernation`).
/// kube-prometheus-stack's kube-state-metrics (2.18) exports them from its custom resource state
/// configuration, with the RBAC to list and watch the two kinds: `kube-state-metrics.customResourceState`
/// and `kube-state-metrics.rbac.extraRules` in the chart's values.
enum CustomResourceMetrics {
  /// `kube_customresource_scaledobject_paused_scale_in{namespace, scaledobject, paused="true"|"false"}`.
  static let pausedScaleIn = "scaledobject_paused_scale_in"
  /// `kube_customresource_cnpg_cluster_condition{namespace, cluster, type}`: 1 for a True condition.
  static let databaseCondition = "cnpg_cluster_condition"

  static let prometheusValues: Value = [
    "kube-state-metrics": [
      "rbac": [
        "extraRules": [
          ["apiGroups": ["keda.sh"], "resources": ["scaledobjects"], "verbs": ["list", "watch"]],
          ["apiGroups": ["postgresql.cnpg.io"], "resources": ["clusters"], "verbs": ["list", "watch"]],
        ]
      ],
      "customResourceState": [
        "enabled": true,
        "config": [
          "kind": "CustomResourceStateMetrics",
          "spec": [
            "resources": [
              [
                "groupVersionKind": ["group": "keda.sh", "version": "v1alpha1", "kind": "ScaledObject"],
                // A ScaledObject without the annotation (most of them) is an error to kube-state-metrics
                // at its default log level, on every refresh: logged only when it is raised.
                "errorLogV": 5,
                "labelsFromPath": ["namespace": ["metadata", "namespace"], "scaledobject": ["metadata", "name"]],
                "metrics": [
                  [
                    "name": .string(pausedScaleIn),
                    "help": "KEDA's autoscaling.keda.sh/paused-scale-in annotation: scale-in held while a rollout runs",
                    "each": [
                      "type": "StateSet",
                      "stateSet": [
                        "labelName": "paused", "path": ["metadata", "annotations", .string(RolloutScaleInPause.pauseScaleInAnnotation)],
                        "list": ["true", "false"],
                      ],
                    ],
                  ]
                ],
              ],
              [
                "groupVersionKind": ["group": "postgresql.cnpg.io", "version": "v1", "kind": "Cluster"],
                "labelsFromPath": ["namespace": ["metadata", "namespace"], "cluster": ["metadata", "name"]],
                "metrics": [
                  [
                    "name": .string(databaseCondition),
                    "help": "A CloudNativePG cluster's status conditions (cnpg.io/hibernation is True once it is hibernated)",
                    "each": [
                      "type": "Gauge",
                      "gauge": ["path": ["status", "conditions"], "labelsFromPath": ["type": ["type"]], "valueFrom": ["status"]],
                    ],
                  ]
                ],
              ],
            ]
          ],
        ],
      ],
    ]
  ]
}
