/// `spec.canary`: a second revision of the app beside the stable one, with its own Deployment,
/// Service and (when the app scales) its own ScaledObject and HTTPScaledObject, and a weighted share of
/// the HTTPRoute's traffic. Knative's `spec.traffic` between two revisions, on plain Deployments.
struct Canary {
  /// The image tag the canary runs (`<spec.image>:<tag>`).
  var tag: String
  /// The canary's percentage of the route's requests; the stable revision gets the rest.
  var weight: Int

  /// Reads `spec.canary`, collecting every problem; nil when absent.
  static func read(_ fields: Fields) throws(UserError) -> Canary? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    let tag = problems.check { () throws(UserError) in
      let tag = try fields.requiredString("tag")
      guard isImageTag(tag) else {
        throw .field(
          fields.fieldPath("tag"), expected: "an image tag: letters, digits, `_`, `.` and `-`, not starting with `.` or `-`, "
            + "at most 128 characters", got: .string(tag))
      }
      return tag
    }
    let weight = problems.check { () throws(UserError) in try fields.int("weight", default: 0, min: 0, max: 100)! }
    try problems.throwIfAny()
    return Canary(tag: tag!, weight: weight!)
  }

  /// The OCI distribution grammar of a tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
  static func isImageTag(_ tag: String) -> Bool {
    func allowed(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    guard let first = tag.first, allowed(first), tag.count <= 128 else { return false }
    return tag.dropFirst().allSatisfy { allowed($0) || $0 == "." || $0 == "-" }
  }
}

/// One revision of the app: the stable one, named after the App, or the canary, `<app>-canary`. Each
/// has its own Deployment, Service, ScaledObject and HTTPScaledObject of that name, composed as
/// Objects `<app>-<prefix><suffix>` so that removing the canary removes only its own.
struct Revision {
  enum Role: String {
    case stable
    case canary

    /// Before each composed resource's suffix: `canary-deployment` beside `deployment`.
    var resourcePrefix: String { self == .stable ? "" : "canary-" }
  }

  var role: Role
  /// The name of the revision's Deployment, Service, ScaledObject and HTTPScaledObject.
  var name: String
  var tag: String
  /// Its percentage of the route's requests.
  var weight: Int

  var resourcePrefix: String { role.resourcePrefix }

  /// The header the route sets on each revision's requests to the interceptor, and on which the
  /// canary's HTTPScaledObject matches. The route sets it on both revisions, so a client cannot pick
  /// the canary by sending it.
  static let header = "x-serverless-revision"

  /// The pods' labels, which are also their Deployment's selector and their Service's: the canary's
  /// differ from the stable revision's, so neither Service nor Deployment selects the other's pods.
  var labels: Value { ["app.kubernetes.io/name": .string(name)] }

  /// The stable revision alone with the whole traffic, or the stable one and the canary sharing it.
  static func of(_ app: AppSpec) -> [Revision] {
    guard let canary = app.canary else { return [Revision(role: .stable, name: app.name, tag: app.tag, weight: 100)] }
    return [
      Revision(role: .stable, name: app.name, tag: app.tag, weight: 100 - canary.weight),
      Revision(role: .canary, name: "\(app.name)-canary", tag: canary.tag, weight: canary.weight),
    ]
  }
}
