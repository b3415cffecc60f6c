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

  init(_ value: Value?) throws(UserError) {
    let input = try Fields(value, path: "input")
    guard input.exists else { return }
    let apiVersion = try input.string("apiVersion")
    let kind = try input.string("kind")
    guard apiVersion == Self.apiVersion, kind == Self.kind else {
      throw UserError(
        "input: expected apiVersion \(Self.apiVersion) and kind \(Self.kind) in the Composition's pipeline step, "
          + "got apiVersion \(UserError.quoted(apiVersion ?? "")) and kind \(UserError.quoted(kind ?? ""))")
    }
    let spec = try input.child("spec")
    var problems = ProblemList()
    provider = problems.check { () throws(UserError) in try spec.string("provider") } ?? nil
    parts = problems.check { () throws(UserError) in try ClusterPart.parse(spec.raw("parts"), at: spec.fieldPath("parts")) } ?? []
    charts =
      problems.check { () throws(UserError) in
        let charts = try spec.child("charts")
        var overrides: [String: ChartOverride] = [:]
        for release in charts.object?.keys.sorted() ?? [] {
          let chart = try charts.child(release)
          overrides[release] = ChartOverride(
            version: try chart.string("version"), repository: try chart.string("repository"), url: try chart.string("url"))
        }
        return overrides
      } ?? [:]
    try problems.throwIfAny()
  }
}
