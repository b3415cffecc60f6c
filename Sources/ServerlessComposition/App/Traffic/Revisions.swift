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
      Revision(role: .canary, name: app.names.canary, tag: canary.tag, weight: canary.weight),
    ]
  }
}
