/// `spec.rightsizing`: a VerticalPodAutoscaler per revision that learns what the app's container
/// really uses (VPA v1.7.1, `autoscaling.k8s.io/v1`). `Off` only recommends (the App's status shows
/// it beside the requests composed); `Initial` also sets the requests (and limits, in proportion) of
/// each pod as it is created, which with scale to zero is every wake. Never on a resource the HPA
/// scales on: the VPA's own docs (`docs/known-limitations.md`) say not to use both "on the same
/// resource metric (CPU or memory)", since resizing the request moves the utilization the HPA reads.
struct Rightsizing: Equatable {
  enum Mode: String, CaseIterable {
    case off = "Off"
    case initial = "Initial"
  }

  static let allResources = ["cpu", "memory"]

  var mode: Mode
  /// What the VPA recommends and, in `Initial`, sets (`controlledResources`).
  var resources: [String]

  static func read(_ fields: FieldReader) -> Rightsizing? {
    guard fields.exists else { return nil }
    let mode = fields.choice("mode", default: Mode.off)
    var resources = Self.allResources
    if let listed = fields.strings("resources") {
      for (index, resource) in listed.enumerated() where !allResources.contains(resource) {
        fields.report(
          .field("\(fields.fieldPath("resources"))[\(index)]", expected: "cpu or memory", got: .string(resource), wantsString: true))
      }
      fields.require(
        !listed.isEmpty,
        UserError(
          "\(fields.fieldPath("resources")): name cpu, memory or both (leave it out for both)", path: fields.fieldPath("resources")))
      resources = allResources.filter(listed.contains)
    }
    return Rightsizing(mode: mode, resources: resources)
  }
}

extension AppSpec {
  /// The resources the HPA scales on: their requests must stay as composed.
  var hpaResources: [String] {
    guard scalingEnabled, let scaling else { return [] }
    return scaling.resourceTargets(scalesOnRequestRate: prometheusAddress != nil).map(\.resource)
  }

  func validateRightsizing(_ log: ProblemLog) {
    guard let rightsizing, rightsizing.mode == .initial else { return }
    let fighting = rightsizing.resources.filter(hpaResources.contains)
    guard !fighting.isEmpty else { return }
    let listed = fighting.joined(separator: " and ")
    log.add(
      UserError(
        "spec.rightsizing.mode: Initial would resize \(listed), on which spec.scaling scales (utilization is usage over the "
          + "request, so each resize moves what the HPA reads: the VPA's docs say not to use both on one resource); use mode "
          + "Off (recommendations only), leave \(listed) out of spec.rightsizing.resources, or turn off "
          + fighting.map { "spec.scaling.\($0)" }.joined(separator: " and "), path: "spec.rightsizing.mode"))
  }
}
