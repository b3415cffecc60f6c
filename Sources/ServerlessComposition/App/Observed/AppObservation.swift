/// What is observed of the App's own Objects, looked up once per call: the state machines
/// (`CanaryTraffic`, `RolloutScaleInPause`, `DatabaseHibernation`) decide from this alone. Each value is
/// as provider-kubernetes reports it, unchecked: a reader treats a missing or malformed one as unknown.
struct AppObservation {
  /// One observed Object.
  struct Object {
    /// The manifest last applied (`spec.forProvider.manifest`).
    var applied: Value?
    /// The object in the cluster as the provider last read it (`status.atProvider.manifest`).
    var live: Value?
    /// The Object reports `Ready`: what it wraps serves, by its kind's readiness policy.
    var isReady: Bool
    /// The provider watches the object (`spec.watch`) and has read it since the Object's spec last
    /// changed (its `Synced` condition's `observedGeneration` is the Object's generation): `live` is
    /// news, not a poll's leftover from minutes ago.
    var isWatchedAndCurrent: Bool

    init(_ object: Value) {
      applied = object.lookup("spec.forProvider.manifest")
      live = object.lookup("status.atProvider.manifest")
      isReady = ReadinessPolicy.whenObservedReady.readiness(observed: object) == .ready
      let synced = (object.lookup("status.conditions")?.arrayValue ?? []).first { $0["type"] == "Synced" }
      let generation = object.lookup("metadata.generation")
      isWatchedAndCurrent =
        object.lookup("spec.watch") == .bool(true) && synced?["status"] == "True" && generation != nil
        && synced?["observedGeneration"] == generation
    }
  }

  private let objects: [String: Value]
  let names: AppNames

  init(_ observed: [String: Value], names: AppNames) {
    self.objects = observed
    self.names = names
  }

  /// The App's Object, or a revision's; nil when it is not observed.
  func object(_ object: AppNames.Object, of role: Revision.Role = .stable) -> Object? {
    objects[names.resource(object, of: role)].map(Object.init)
  }

  /// The live object of the App's Object, or a revision's.
  func live(_ object: AppNames.Object, of role: Revision.Role = .stable) -> Value? {
    self.object(object, of: role)?.live
  }

  /// The canary's observed Objects, by composition resource name, in name order.
  var canaryObjects: [(name: String, object: Object)] {
    objects.filter { $0.key.hasPrefix(names.canaryResourcePrefix) }.sorted { $0.key < $1.key }.map { ($0.key, Object($0.value)) }
  }
}
