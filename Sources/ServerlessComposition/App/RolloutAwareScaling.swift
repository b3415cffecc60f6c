/// Rollout-aware scaling: while a revision's Deployment is rolling out, its ScaledObject carries KEDA's
/// `autoscaling.keda.sh/paused-scale-in` (KEDA 2.18+), so KEDA adds pods when load asks but removes
/// none under the rollout; the annotation goes once the rollout has finished.
///
/// A state machine over the observed Deployment (`status.atProvider.manifest` of its Object) and
/// nothing else, deciding as `kubectl rollout status` does. Whatever cannot be read as finished (no
/// observation yet, a partial or malformed one, a rollout past its progress deadline) keeps scale-in
/// paused: the safe answer is the one that keeps pods serving.
enum RolloutAwareScaling {
  static let pauseScaleInAnnotation = "autoscaling.keda.sh/paused-scale-in"

  enum Phase: String, Equatable {
    /// The controller has applied the latest spec and every pod is updated and available.
    case complete = "Complete"
    /// A new spec not yet observed, pods not yet updated or available, or old pods still there.
    case progressing = "Progressing"
    /// No observation, or one that cannot be read.
    case unknown = "Unknown"

    var pausesScaleIn: Bool { self != .complete }
  }

  /// The rollout's phase from an observed Deployment manifest.
  static func phase(deployment: Value?) -> Phase {
    guard let deployment, deployment.objectValue != nil,
      let generation = count(deployment.lookup("metadata.generation"))
    else { return .unknown }
    let status = deployment["status"] ?? .object([:])
    guard status.objectValue != nil, let observedGeneration = count(status["observedGeneration"] ?? 0) else { return .unknown }
    if observedGeneration < generation { return .progressing }
    // Kubernetes leaves zero counts out of the status, and `spec.replicas` out means 1.
    guard let desired = count(deployment.lookup("spec.replicas") ?? 1), let replicas = count(status["replicas"] ?? 0),
      let updated = count(status["updatedReplicas"] ?? 0), let available = count(status["availableReplicas"] ?? 0)
    else { return .unknown }
    return updated < desired || replicas > updated || available < updated ? .progressing : .complete
  }

  /// A non-negative whole number; nil for anything else.
  private static func count(_ value: Value?) -> Int? {
    guard case .number(let n)? = value, let count = exactInteger(n), count >= 0 else { return nil }
    return count
  }
}
