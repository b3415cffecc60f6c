/// `spec.securityContext: restricted`: the pod and container settings that Kubernetes' restricted Pod
/// Security Standard requires (k8s.io/pod-security-admission, policy `restricted`): a non-root user,
/// no privilege escalation, every capability dropped and the runtime's default seccomp profile. The
/// volumes the App mounts (configMap, secret, emptyDir) are all ones the standard allows.
enum RestrictedSecurity {
  static func apply(toPod podSpec: inout Value, container: inout Value) {
    podSpec["securityContext"] = ["runAsNonRoot": true, "seccompProfile": ["type": "RuntimeDefault"]]
    container["securityContext"] = ["allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]]]
  }
}
