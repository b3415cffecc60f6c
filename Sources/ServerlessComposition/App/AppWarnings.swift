/// Combinations the KCL composes without complaint but that surprise: composed the same way, and
/// reported as a condition on the XR (a state, not an event on every call). The condition is always
/// set, `True` when nothing is wrong, so that fixing the XR clears the warning.
enum AppWarnings {
  static let conditionType = "ScalingConsistent"

  /// - Parameter wakeWith: what checking the App named by `spec.scaling.wakeWith` found wrong.
  static func conditions(
    _ app: AppSpec, wakeWith: (status: CompositeCondition.Status, reason: String, message: String)? = nil
  ) -> [CompositeCondition] {
    if app.scalingEnabled && app.minReplicas == 0 && app.routing == .ingress {
      return [
        CompositeCondition(
          type: conditionType, status: .false, reason: "NoInterceptorWithIngress",
          message: "spec.minReplicas is 0 with spec.routing ingress: nothing holds requests or wakes the app once it is at zero; "
            + "use spec.routing gateway-api for scale-to-zero, or set spec.minReplicas to 1 or more")
      ]
    }
    if !app.scalingEnabled && app.minReplicas == 0 {
      return [
        CompositeCondition(
          type: conditionType, status: .false, reason: "NeverRuns",
          message: "spec.minReplicas is 0 with spec.scaling.enabled false: the Deployment has 0 replicas and the app never runs; "
            + "enable spec.scaling or set spec.minReplicas to 1 or more")
      ]
    }
    if let wakeWith {
      return [CompositeCondition(type: conditionType, status: wakeWith.status, reason: wakeWith.reason, message: wakeWith.message)]
    }
    return [
      CompositeCondition(
        type: conditionType, status: .true, reason: "Consistent",
        message: "spec.minReplicas, spec.scaling and spec.routing work together")
    ]
  }
}
