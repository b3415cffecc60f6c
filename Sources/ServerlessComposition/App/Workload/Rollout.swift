/// What `spec.rollout` (`Rollout`) sets on each revision's Deployment and pod template.
extension Rollout {
  /// The time a container gets after its stop signal when the pod spec does not say (Kubernetes').
  static let shutdownGrace = 30
  /// How long a rollout may go without progress before Kubernetes reports it failed (Kubernetes').
  static let progressDeadline = 600

  /// Sets the Deployment `spec` fields the rollout asks for.
  /// - Parameter mayRunOnePodUncovered: the app may run a single pod and nothing holds its requests
  ///   while none is ready (no interceptor in front): a sequential rollout then starts the new pod
  ///   before the old one goes (`maxSurge` 1, `maxUnavailable` 0), still one pod at a time, rather
  ///   than leave the app without an endpoint while the new pod starts.
  func apply(toDeployment spec: inout Value, mayRunOnePodUncovered: Bool) {
    if strategy == .sequential {
      let (surge, unavailable): (Value, Value) = mayRunOnePodUncovered ? (1, 0) : (0, 1)
      spec["strategy"] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": surge, "maxUnavailable": unavailable]]
    }
    if let minReady {
      spec["minReadySeconds"] = Value(minReady)
      // The API server wants the progress deadline above minReadySeconds; each pod now takes minReady
      // longer to count, so the deadline keeps Kubernetes' ten minutes on top of it.
      spec["progressDeadlineSeconds"] = Value(minReady + Self.progressDeadline)
    }
  }

  /// Sets the pod spec and container fields of the quiesce: a preStop sleep (the kubelet's own, no
  /// `sleep` binary needed in the image; Kubernetes 1.30+) during which the pod, already out of its
  /// Service's endpoints, finishes what it serves; the grace period holds the sleep and the app's own
  /// shutdown after it.
  func apply(toPod podSpec: inout Value, container: inout Value) {
    guard let quiesce else { return }
    container["lifecycle"] = ["preStop": ["sleep": ["seconds": Value(quiesce)]]]
    podSpec["terminationGracePeriodSeconds"] = Value(quiesce + Self.shutdownGrace)
  }
}
