/// What an App checks of the other Apps beside it, through resources it asks Crossplane for: the App
/// it wakes with, and the Apps it could share names with. Requirements depend on the XR alone, so
/// they are the same on every call of a reconcile (Crossplane calls again until they are); an App
/// with nothing to check asks for nothing and is composed in one call. What is found are warnings on
/// the XR's conditions, never refusals.
struct AppNeighbours {
  let wakeWith: WakeWithTarget?
  let collisions: AppNameCollisions
  let requirements: Requirements

  /// - Parameter composed: what this App composes.
  init(_ app: AppSpec, composed: Composed, context: CompositionContext) {
    wakeWith = WakeWithTarget(app, context: context)
    collisions = AppNameCollisions(app, composed: composed, context: context)
    var requirements = Requirements()
    if context.fetchesRequiredResources {
      requirements.resources = wakeWith?.requirements ?? [:]
      requirements.resources.merge(collisions.requirements) { first, _ in first }
    }
    self.requirements = requirements
  }
}
