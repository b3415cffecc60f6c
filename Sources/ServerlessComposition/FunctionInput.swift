/// The step input (`serverless.fn.crossplane.io/v1beta1`, kind `Input`) from the Composition's
/// pipeline step. Its schema is `package/input/`. Every field is optional.
struct FunctionInput {
  static let apiVersion = "serverless.fn.crossplane.io/v1beta1"
  static let kind = "Input"

  /// The cloud a Cluster runs on (`aws`, `azure`, `google`), for XRs that do not name it.
  var provider: String?

  /// The parts of a Cluster this step composes; `[apps]` unless the step says otherwise.
  var parts: [ClusterPart] = ClusterPart.defaultParts

  /// Where a Helm chart comes from, overriding the built-in catalog for one release.
  struct ChartOverride: Equatable {
    var version: String?
    var repository: String?
    var url: String?
  }

  /// Per release name (`keda`, `gateway-helm`, ...): lets a platform team upgrade a chart without
  /// rebuilding the function.
  var charts: [String: ChartOverride] = [:]

  /// `spec.ttl`: how long Crossplane may reuse this step's answer for an identical request, in
  /// seconds, over the server's `--ttl`; nil keeps `--ttl`.
  var ttl: Int?

  init(_ value: Value?) throws(UserError) {
    let log = ProblemLog()
    let input = FieldReader(value, path: "input", log: log)
    try log.finish()
    guard input.exists else { return }
    let apiVersion = input.string("apiVersion")
    let kind = input.string("kind")
    try log.finish()
    guard apiVersion == Self.apiVersion, kind == Self.kind else {
      throw UserError(
        "input: expected apiVersion \(Self.apiVersion) and kind \(Self.kind) in the Composition's pipeline step, "
          + "got apiVersion \(UserError.quoted(apiVersion ?? "")) and kind \(UserError.quoted(kind ?? ""))")
    }
    let spec = input.child("spec")
    try log.finish()
    provider = spec.string("provider")
    parts = ClusterPart.read(spec, "parts")
    ttl = spec.duration("ttl", min: 0, max: 86_400)
    let charts = spec.child("charts")
    for release in charts.object?.keys.sorted() ?? [] {
      let chart = charts.child(release)
      self.charts[release] = ChartOverride(
        version: chart.string("version"), repository: chart.string("repository"), url: chart.string("url"))
    }
    try log.finish()
  }
}
