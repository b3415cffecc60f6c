/// Rollout-aware scaling: while a revision's Deployment is rolling out, its ScaledObject carries KEDA's
/// `autoscaling.keda.sh/paused-scale-in` (KEDA 2.18.2+), so KEDA adds pods when load asks but removes
/// none under the rollout; once the rollout has finished the annotation says `false` (`annotationValue`).
///
/// A state machine over what is observed of the Deployment's Object and nothing else: the manifest
/// last applied (`spec.forProvider.manifest`) and the Deployment the provider reports
/// (`status.atProvider.manifest`). A rollout is under way from the moment the pod template composed now
/// differs from either, until the Deployment controller has replaced every old pod. Whatever cannot be
/// read as finished (no observation yet, a partial or malformed one, a rollout stuck past its progress
/// deadline) keeps scale-in paused: the safe answer is the one that keeps pods serving.
enum RolloutScaleInPause {
  static let pauseScaleInAnnotation = "autoscaling.keda.sh/paused-scale-in"

  /// The annotation's value on a revision's ScaledObject: `true` while its Deployment rolls out,
  /// `false` once it is done; and `false` too for a ScaledObject that was last applied with the
  /// annotation although the App no longer rolls out this way (`spec.rollout` or scaling removed):
  /// a key that is no longer written stays on the live object under a merge patch, and KEDA would
  /// never scale in again. nil: never written, nothing to clear.
  static func annotationValue(
    _ app: AppSpec, deployment: Value, observedDeployment: AppObservation.Object?, observedScaledObject: AppObservation.Object?
  ) -> Bool? {
    if app.rolloutAwareScaling { return phase(observedObject: observedDeployment, composing: deployment).pausesScaleIn }
    let lastApplied = observedScaledObject?.applied?.lookup("metadata.annotations")?[pauseScaleInAnnotation]
    return lastApplied == nil ? nil : false
  }

  enum Phase {
    /// The Deployment runs the pod template composed now, and no pod of an older one is left.
    case complete
    /// A new pod template not yet applied or not yet observed, or old pods still there.
    case progressing
    /// No observation, or one that cannot be read.
    case unknown

    var pausesScaleIn: Bool { self != .complete }
  }

  /// - Parameters:
  ///   - observedObject: the revision's Deployment Object as observed, nil when it is not.
  ///   - deployment: the Deployment manifest composed now.
  static func phase(observedObject: AppObservation.Object?, composing deployment: Value) -> Phase {
    let template = deployment.lookup("spec.template")
    guard let applied = observedObject?.applied, applied.objectValue != nil, let observed = observedObject?.live,
      observed.objectValue != nil
    else { return .unknown }
    // The template changes in this reconcile, or the provider has not applied the last change yet:
    // the observed Deployment is from before the rollout, however finished it looks.
    if applied.lookup("spec.template") != template || image(observed) != image(deployment) { return .progressing }
    guard let generation = count(observed.lookup("metadata.generation")),
      let observedGeneration = count(observed.lookup("status.observedGeneration") ?? 0),
      // Kubernetes leaves zero counts out of the status, and `spec.replicas` out means 1.
      let desired = count(observed.lookup("spec.replicas") ?? 1), let replicas = count(observed.lookup("status.replicas") ?? 0),
      let updated = count(observed.lookup("status.updatedReplicas") ?? 0)
    else { return .unknown }
    // As `kubectl rollout status`, but pods of the new template not yet available do not count: a
    // scale-up makes those too, and scale-in would take them first anyway.
    return observedGeneration < generation || updated < desired || replicas > updated ? .progressing : .complete
  }

  /// The app container's image; nil when the manifest has none where it should.
  private static func image(_ deployment: Value) -> String? {
    let containers = deployment.lookup("spec.template.spec.containers")?.arrayValue ?? []
    return containers.first { $0["name"]?.stringValue == AppWorkload.containerName }?["image"]?.stringValue
  }

  /// A non-negative whole number; nil for anything else.
  private static func count(_ value: Value?) -> Int? {
    guard case .number(let n)? = value, let count = exactInteger(n), count >= 0 else { return nil }
    return count
  }
}
