/// `spec.rollout`: how a new version replaces the running one. Every field is opt-in; the App then also
/// gets rollout-aware scaling (`RolloutAwareScaling`): KEDA does not remove pods while a rollout runs.
struct Rollout {
  enum Strategy: String {
    /// Kubernetes' own rolling update (25% surge, 25% unavailable).
    case rolling
    /// One pod at a time, the old one gone before its replacement starts: no extra pod (`maxSurge` 0)
    /// and at most one down (`maxUnavailable` 1), so the new version takes over pod by pod, never with
    /// a surge of new pods beside all the old ones.
    case sequential
  }

  var strategy: Strategy
  /// Seconds a new pod must stay ready before the rollout counts it available and goes on.
  var minReady: Int?
  /// Seconds a leaving pod keeps serving its in-flight requests before it is told to stop.
  var quiesce: Int?

  /// The time a container gets after its stop signal when the pod spec does not say (Kubernetes').
  static let shutdownGrace = 30
  /// How long a rollout may go without progress before Kubernetes reports it failed (Kubernetes').
  static let progressDeadline = 600

  /// Reads `spec.rollout`, collecting every problem; nil when absent.
  static func read(_ fields: Fields) throws(UserError) -> Rollout? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    let strategy = problems.check { () throws(UserError) in
      Strategy(rawValue: try fields.oneOf("strategy", ["rolling", "sequential"], default: "rolling")!)!
    }
    let minReady = problems.check { () throws(UserError) in try fields.duration("minReady", min: 0, max: 3600) } ?? nil
    let quiesce = problems.check { () throws(UserError) in try fields.duration("quiesce", max: 3600) } ?? nil
    try problems.throwIfAny()
    return Rollout(strategy: strategy!, minReady: minReady, quiesce: quiesce)
  }

  /// Sets the Deployment `spec` fields the rollout asks for.
  func apply(toDeployment spec: inout Value) {
    if strategy == .sequential {
      spec["strategy"] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 0, "maxUnavailable": 1]]
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
