/// Argo CD and the Application `apps` that syncs the team's repository into the cluster.
struct ArgoCD: ClusterApp {
  struct Settings {
    var host: String
    var repoURL: String
    var destinationNamespace: String
    var sourcePath: String
  }

  var app: PlatformApp { .argocd }

  func readSettings(_ fields: FieldReader, into spec: inout ClusterSpec) {
    guard spec.isEnabled(.argocd) else { return }
    spec.argoCD = Settings(
      host: fields.string("host", default: "acme.com"),
      repoURL: fields.string("repoURL", default: "https://github.com/vfarcic/SOMETHING"),
      destinationNamespace: fields.string("destinationNamespace", default: "argo-cd"),
      sourcePath: fields.string("sourcePath", default: "."))
  }

  func compose(into builder: inout ClusterBuilder) throws(UserError) {
    guard let argo = builder.spec.argoCD else { return }
    var server: Value = ["extraArgs": ["--insecure"]]
    if builder.spec.isEnabled(.traefik) {
      server["ingress"] = ["enabled": true, "ingressClassName": "traefik"]
    }
    try builder.release(
      app: .argocd, "argo-cd", namespace: "argocd",
      values: [
        "global": ["domain": .string(argo.host)],
        "configs": [
          "secret": [
            // The upstream composition's well-known initial admin password hash; change it in Argo CD.
            "argocdServerAdminPassword": "$2a$10$m3eTlEdRen0nS86c5Zph5u/bDFQMcWZYdG3NVdiyaACCqoxLJaz16",
            "argocdServerAdminPasswordMtime": "2021-11-08T15:04:05Z",
          ],
          "cm": ["application.resourceTrackingMethod": "annotation", "timeout.reconciliation": "60s"],
          "params": ["server.insecure": true],
        ],
        "server": server,
      ])
    try builder.object(
      app: .argocd, "argo-cd-app",
      manifest: [
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
        "metadata": ["name": "apps", "namespace": "argocd", "finalizers": ["resources-finalizer.argocd.argoproj.io"]],
        "spec": [
          "project": "default",
          "source": ["repoURL": .string(argo.repoURL), "targetRevision": "HEAD", "path": .string(argo.sourcePath)],
          "destination": ["server": "https://kubernetes.default.svc", "namespace": .string(argo.destinationNamespace)],
          "syncPolicy": ["automated": ["selfHeal": true, "prune": true, "allowEmpty": true]],
        ],
      ])
  }
}
