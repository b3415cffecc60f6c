/// `spec.db.cnpg.hibernate`: the database sleeps with the app. A state machine over what is observed
/// and nothing else (no clock, no state of its own): KEDA's idle period already decides when the app
/// sits at zero, and the function follows with CloudNativePG's hibernation annotation.
///
/// The database hibernates only when both say the app is idle: the Deployment observed at zero
/// (`spec.replicas` 0 and no pod left) and its ScaledObject observed `Active=False`. Anything else,
/// including nothing observed yet, a partial or malformed observation, or KEDA wanting the app up
/// (`Active=True`, or replicas asked for), keeps or wakes it: the safe answer is the one that keeps
/// the app serving. Observations come from the Objects' `status.atProvider.manifest`.
enum DatabaseHibernation {
  /// `status.database`, from the database's observed `cnpg.io/hibernation` condition.
  enum State: String {
    case running = "Running"
    case hibernating = "Hibernating"
    case hibernated = "Hibernated"
  }

  struct Decision: Equatable {
    /// The `cnpg.io/hibernation` annotation: `on` or `off`.
    var hibernate: Bool
    var state: State
  }

  static let annotation = "cnpg.io/hibernation"

  /// With a canary, both revisions must be idle: either one serving needs the database. A canary just
  /// removed counts while its Deployment is still observed (its pods may still be finishing requests).
  static func decide(_ app: AppSpec, observed: AppObservation) -> Decision {
    var roles = Set(app.revisions.map(\.role))
    if observed.object(.deployment, of: .canary) != nil { roles.insert(.canary) }
    let hibernate = roles.allSatisfy { role in
      appIsIdle(deployment: observed.live(.deployment, of: role), scaledObject: observed.live(.scaledObject, of: role))
    }
    return Decision(hibernate: hibernate, state: state(database: observed.live(.database), hibernate: hibernate))
  }

  /// The Deployment at zero with no pod left, and KEDA not wanting it up.
  static func appIsIdle(deployment: Value?, scaledObject: Value?) -> Bool {
    guard let deployment, deployment.lookup("spec.replicas") == .number(0) else { return false }
    for key in ["replicas", "readyReplicas"] {
      switch deployment.lookup("status.\(key)") {
      case nil, .number(0)?: continue
      default: return false
      }
    }
    return condition("Active", in: scaledObject) == "False"
  }

  /// What the database reports: `cnpg.io/hibernation` True once hibernated, False while its pods go;
  /// without the condition, running, or hibernating if the annotation has just been set.
  static func state(database: Value?, hibernate: Bool) -> State {
    switch condition(annotation, in: database) {
    case "True"?: .hibernated
    case "False"?: .hibernating
    default: hibernate ? .hibernating : .running
    }
  }

  /// The status of condition `type` in an observed manifest; nil when absent or malformed.
  static func condition(_ type: String, in manifest: Value?) -> String? {
    let conditions = manifest?.lookup("status.conditions")?.arrayValue ?? []
    return conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue
  }
}
