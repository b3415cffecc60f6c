/// The vLLM production-stack operator (image lmcache/production-stack-operator:2025-12-12), which
/// ships no Helm chart: its namespace, CRDs, RBAC, Service and Deployment as Objects, exactly as the
/// upstream kustomize build renders them. No Usages: the KCL protects none of them.
struct VLLMOperator: ClusterApp {
  var app: PlatformApp { .vllm }

  static let namespace = "production-stack-system"
  static let serviceAccount = "production-stack-controller-manager"
  static let labels: Value = ["app.kubernetes.io/managed-by": "kustomize", "app.kubernetes.io/name": "production-stack"]
  static let allVerbs: Value = ["create", "delete", "get", "list", "patch", "update", "watch"]

  static let crds: [CustomResourceDefinitions.Definition] = [
    .init(
      group: "production-stack.vllm.ai", kind: "CacheServer", version: "v1alpha1",
      printerColumns: [("Status", "string", ".status.status"), ("Age", "date", ".metadata.creationTimestamp")]),
    .init(
      group: "production-stack.vllm.ai", kind: "LoraAdapter", version: "v1alpha1",
      printerColumns: [("Phase", "string", ".status.phase"), ("Age", "date", ".metadata.creationTimestamp")]),
    .init(group: "production-stack.vllm.ai", kind: "VLLMRouter", version: "v1alpha1"),
    .init(
      group: "production-stack.vllm.ai", kind: "VLLMRuntime", version: "v1alpha1", shortNames: ["vr"],
      schema: [
        "type": "object", "x-kubernetes-preserve-unknown-fields": true,
        "properties": [
          "spec": [
            "type": "object", "x-kubernetes-preserve-unknown-fields": true,
            "properties": [
              "vllmConfig": [
                "type": "object", "x-kubernetes-preserve-unknown-fields": true,
                "properties": ["port": ["type": "integer", "format": "int32", "default": 8000]],
              ]
            ],
          ]
        ],
      ]),
  ]

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    func add(_ suffix: String, _ manifest: Value) throws(UserError) {
      try builder.object(
        app: .vllm, "vllm-op-\(suffix)", externalName: manifest.lookup("metadata.name")?.stringValue, manifest: manifest,
        managementPolicies: HelmRelease.createUpdateObserve, usage: false)
    }
    try add("ns", Self.namespaceManifest)
    for crd in Self.crds {
      try add("crd-\(crd.plural)", CustomResourceDefinitions.manifest(crd))
    }
    try add("sa", Self.serviceAccountManifest)
    try add("role", Self.leaderElectionRole)
    try add("rb", Self.leaderElectionRoleBinding)
    try add("cr-manager", Self.managerRole)
    try add("cr-metrics-auth", Self.metricsAuthRole)
    try add("cr-metrics-reader", Self.metricsReaderRole)
    try add(
      "crb-manager",
      Self.clusterRoleBinding("production-stack-manager-rolebinding", role: "production-stack-manager-role", labels: Self.labels))
    try add(
      "crb-metrics",
      Self.clusterRoleBinding("production-stack-metrics-auth-rolebinding", role: "production-stack-metrics-auth-role", labels: nil))
    try add("svc", Self.metricsService)
    try add("deploy", Self.deployment)
  }

  static let namespaceManifest: Value = [
    "apiVersion": "v1", "kind": "Namespace",
    "metadata": ["name": .string(namespace), "labels": labels.merging(["control-plane": "controller-manager"])],
  ]

  static let serviceAccountManifest: Value = [
    "apiVersion": "v1", "kind": "ServiceAccount",
    "metadata": ["name": .string(serviceAccount), "namespace": .string(namespace), "labels": labels],
  ]

  static let subjects: Value = [["kind": "ServiceAccount", "name": .string(serviceAccount), "namespace": .string(namespace)]]

  static let leaderElectionRole: Value = [
    "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
    "metadata": ["name": "production-stack-leader-election-role", "namespace": .string(namespace), "labels": labels],
    "rules": [
      ["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"]],
      [
        "apiGroups": ["coordination.k8s.io"], "resources": ["leases"],
        "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"],
      ],
      ["apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]],
    ],
  ]

  static let leaderElectionRoleBinding: Value = [
    "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
    "metadata": ["name": "production-stack-leader-election-rolebinding", "namespace": .string(namespace), "labels": labels],
    "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "production-stack-leader-election-role"],
    "subjects": subjects,
  ]

  static let managerRole: Value = {
    let kinds = ["cacheservers", "loraadapters", "vllmrouters", "vllmruntimes"]
    func resources(_ suffix: String) -> Value { .array(kinds.map { .string($0 + suffix) }) }
    return [
      "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
      "metadata": ["name": "production-stack-manager-role"],
      "rules": [
        [
          "apiGroups": [""], "resources": ["configmaps", "persistentvolumeclaims", "secrets", "serviceaccounts", "services"],
          "verbs": allVerbs,
        ],
        ["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]],
        ["apiGroups": ["apps"], "resources": ["deployments"], "verbs": allVerbs],
        ["apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": allVerbs],
        ["apiGroups": ["production-stack.vllm.ai"], "resources": resources(""), "verbs": allVerbs],
        ["apiGroups": ["production-stack.vllm.ai"], "resources": resources("/finalizers"), "verbs": ["update"]],
        ["apiGroups": ["production-stack.vllm.ai"], "resources": resources("/status"), "verbs": ["get", "patch", "update"]],
        ["apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings", "roles"], "verbs": allVerbs],
      ],
    ]
  }()

  static let metricsAuthRole: Value = [
    "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
    "metadata": ["name": "production-stack-metrics-auth-role"],
    "rules": [
      ["apiGroups": ["authentication.k8s.io"], "resources": ["tokenreviews"], "verbs": ["create"]],
      ["apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]],
    ],
  ]

  static let metricsReaderRole: Value = [
    "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
    "metadata": ["name": "production-stack-metrics-reader"],
    "rules": [["nonResourceURLs": ["/metrics"], "verbs": ["get"]]],
  ]

  static func clusterRoleBinding(_ name: String, role: String, labels: Value?) -> Value {
    var metadata: Value = ["name": .string(name)]
    if let labels { metadata["labels"] = labels }
    return [
      "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": metadata,
      "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)],
      "subjects": subjects,
    ]
  }

  static let metricsService: Value = [
    "apiVersion": "v1", "kind": "Service",
    "metadata": [
      "name": "production-stack-controller-manager-metrics-service", "namespace": .string(namespace),
      "labels": labels.merging(["control-plane": "controller-manager"]),
    ],
    "spec": [
      "ports": [["name": "https", "port": 8443, "protocol": "TCP", "targetPort": 8443]],
      "selector": ["app.kubernetes.io/name": "production-stack", "control-plane": "controller-manager"],
    ],
  ]

  static let deployment: Value = {
    let selector: Value = [
      "app.kubernetes.io/component": "manager", "app.kubernetes.io/instance": "production-stack",
      "app.kubernetes.io/name": "production-stack",
    ]
    let container: Value = [
      "name": "manager", "image": "lmcache/production-stack-operator:2025-12-12", "imagePullPolicy": "IfNotPresent",
      "command": ["/manager"],
      "args": ["--metrics-bind-address=:8443", "--leader-elect", "--health-probe-bind-address=:8081"],
      "livenessProbe": ["httpGet": ["path": "/healthz", "port": 8081], "initialDelaySeconds": 15, "periodSeconds": 20],
      "readinessProbe": ["httpGet": ["path": "/readyz", "port": 8081], "initialDelaySeconds": 5, "periodSeconds": 10],
      "resources": ["limits": ["cpu": "500m", "memory": "128Mi"], "requests": ["cpu": "10m", "memory": "64Mi"]],
      "securityContext": ["allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]]],
    ]
    return [
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": [
        "name": "production-stack-production-stack-controller-manager", "namespace": .string(namespace),
        "labels": selector.merging([
          "app.kubernetes.io/created-by": "production-stack", "app.kubernetes.io/managed-by": "kustomize",
          "app.kubernetes.io/part-of": "production-stack",
        ]),
      ],
      "spec": [
        "selector": ["matchLabels": selector],
        "template": [
          "metadata": ["labels": selector.merging(["control-plane": "controller-manager"])],
          "spec": [
            "containers": [container],
            "securityContext": ["runAsNonRoot": true, "seccompProfile": ["type": "RuntimeDefault"]],
            "serviceAccountName": .string(serviceAccount),
            "terminationGracePeriodSeconds": 10,
          ],
        ],
      ],
    ]
  }()
}
