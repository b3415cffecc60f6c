/// A revision's VerticalPodAutoscaler, on its Deployment's container (`AppWorkload.containerName`).
/// The VPA needs its recommender (the Cluster's `apps.vpa`) and, for `Initial`, its admission
/// controller, which sets the requests of a new pod.
enum VerticalPodAutoscaler {
  static let apiVersion = "autoscaling.k8s.io/v1"

  static func manifest(_ app: AppSpec, _ revision: Revision, _ rightsizing: Rightsizing) -> Value {
    [
      "apiVersion": .string(apiVersion), "kind": "VerticalPodAutoscaler",
      "metadata": AppComposition.metadata(app, revision),
      "spec": [
        "targetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(revision.name)],
        "updatePolicy": ["updateMode": .string(rightsizing.mode.rawValue)],
        "resourcePolicy": [
          "containerPolicies": [
            [
              "containerName": .string(AppWorkload.containerName),
              "controlledResources": .array(rightsizing.resources.map(Value.string)),
            ]
          ]
        ],
      ],
    ]
  }
}
