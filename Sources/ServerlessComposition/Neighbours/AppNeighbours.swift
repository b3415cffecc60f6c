/// What an App checks of the other Apps beside it, through resources it asks Crossplane for: the App
/// it wakes with, and the Apps it could share names with. Requirements depend on the XR alone, so
/// they are the same on every call of a reconcile (Crossplane calls again until they are); an App
/// with nothing to check asks for nothing and is composed in one call.
struct AppNeighbours {
  let wakeWith: WakeWithTarget?
  let collisions: AppNameCollisions
  let requirements: Requirements

  init(_ app: AppSpec, context: CompositionContext) {
    wakeWith = WakeWithTarget(app, context: context)
    collisions = AppNameCollisions(app, context: context)
    var requirements = Requirements()
    if context.fetchesRequiredResources {
      if let wakeWith {
        requirements.resources[WakeWithTarget.requirement] = WakeWithTarget.selector(
          wakeWith.wakeWith, xrNamespace: context.xrNamespace)
      }
      requirements.resources.merge(collisions.requirements) { first, _ in first }
    }
    self.requirements = requirements
  }

  /// A `wakeWith` that can never work as written.
  func refusal() -> UserError? {
    if case .refusal(let error) = wakeWith?.finding { return error }
    return nil
  }

  /// A `wakeWith` that does not work yet, for the `ScalingConsistent` condition.
  var wakeWithWarning: (reason: String, message: String)? {
    if case .warning(let reason, let message) = wakeWith?.finding { return (reason, message) }
    return nil
  }
}
