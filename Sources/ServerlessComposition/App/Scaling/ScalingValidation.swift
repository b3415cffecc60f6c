/// What KEDA refuses of a ScaledObject, or accepts and never acts on, that the App's own fields show:
/// each a Fatal before Crossplane applies anything (keda v2.20.2: the admission webhook
/// `apis/keda/v1alpha1/scaledobject_webhook.go`, the scaler's own parsing in `pkg/scalers/`).
extension AppSpec {
  /// The most triggers an App takes (the XRD's `maxItems`).
  static let maxTriggers = 20

  /// KEDA names a ScaledObject's HPA `keda-hpa-<name>` and refuses one whose name would pass 63
  /// characters (the webhook's `verifyName`).
  static let kedaHPAPrefix = "keda-hpa-"

  func validateScaledObjectNames(_ log: ProblemLog) {
    guard scalingEnabled, let longest = revisions.max(by: { $0.name.count < $1.name.count }),
      Self.kedaHPAPrefix.count + longest.name.count > Naming.maxDNSLabelLength
    else { return }
    let limit = Naming.maxDNSLabelLength - Self.kedaHPAPrefix.count - (longest.name.count - name.count)
    log.add(
      UserError(
        "metadata.name: KEDA names the HPA of the ScaledObject \(longest.name) keda-hpa-\(longest.name), longer than a "
          + "Kubernetes name's \(Naming.maxDNSLabelLength) characters, and refuses it; give a scaled App a name of at most "
          + "\(limit) characters\(longest.role == .canary ? " (its canary adds -canary)" : "")", path: "metadata.name"))
  }

  func validateTriggers(_ scaling: ScalingSpec, _ log: ProblemLog) {
    var names: [String: Int] = [:]
    log.require(
      scaling.triggers.count <= Self.maxTriggers,
      UserError(
        "spec.scaling.triggers: \(scaling.triggers.count) triggers, more than the \(Self.maxTriggers) an App takes; scale on "
          + "fewer", path: "spec.scaling.triggers"))
    for (index, trigger) in scaling.triggers.enumerated() {
      let path = "spec.scaling.triggers[\(index)]"
      if ScalingSpec.resourceScalers.contains(trigger.type) {
        log.add(
          UserError(
            "\(path).type: \(trigger.type) scales on a share of the pods' request, which spec.scaling.\(trigger.type) sets "
              + "(utilization, or enabled: false); use that field instead", path: "\(path).type"))
      }
      if let name = trigger.name {
        if name.allSatisfy(\.isNumber) {
          log.add(
            UserError(
              "\(path).name: \(name) is all digits, which is how the App numbers its unnamed triggers; give it a name with a "
                + "letter", path: "\(path).name"))
        }
        if let first = names[name] {
          log.add(
            UserError(
              "\(path).name: \(name) is spec.scaling.triggers[\(first)]'s name too; KEDA refuses a ScaledObject whose trigger "
                + "names repeat; give each its own", path: "\(path).name"))
        } else {
          names[name] = index
        }
      }
      // The prometheus scaler's required parameters (`prometheusMetadata`); the others' are theirs.
      if trigger.type == "prometheus" {
        for key in ["serverAddress", "query", "threshold"] where trigger.metadata[key] == nil {
          log.add(
            UserError(
              "\(path).metadata.\(key): KEDA's prometheus scaler needs it (missing required parameter); set it, or use "
                + "spec.scaling.prometheusQuery, which fills in the App's Prometheus", path: "\(path).metadata.\(key)"))
        }
      }
    }
    if scaling.prometheusQuery != nil {
      log.require(
        scaling.prometheusAddress != nil,
        UserError(
          "spec.scaling.prometheusQuery: runs on spec.scaling.prometheusAddress, which is empty; set it (or leave it out to "
            + "get the default)", path: "spec.scaling.prometheusQuery"))
      log.require(
        scaling.prometheusQuery?.replacesRequestRate != true || prometheusAddress != nil,
        UserError(
          "spec.scaling.prometheusQuery.replacesRequestRate: there is no request rate to replace (it needs a route, "
            + "spec.routing gateway-api or ingress); remove the field", path: "spec.scaling.prometheusQuery.replacesRequestRate"))
    }
    let resources = scaling.resourceTargets(scalesOnRequestRate: prometheusAddress != nil).map(\.resource)
    // The canary scales on the route's request rate or on CPU and memory: the other triggers are
    // the stable revision's.
    log.require(
      canary == nil || prometheusAddress != nil || !resources.isEmpty,
      UserError(
        "spec.scaling: the canary revision scales on the route's request rate or on cpu and memory (spec.scaling.triggers, "
          + "prometheusQuery, wakeWith and schedules are the stable revision's), and it has neither, so its ScaledObject "
          + "would have no trigger, which KEDA refuses; set spec.scaling.prometheusAddress or keep cpu or memory on",
        path: "spec.scaling"))
    let waking = prometheusAddress != nil || scaling.hasWakingTrigger || scaling.wakeWith != nil || !scaling.schedules.isEmpty
    log.require(
      waking || !resources.isEmpty,
      UserError(
        "spec.scaling: turns off cpu and memory and names no other trigger, and KEDA refuses a ScaledObject without triggers; "
          + "keep one of spec.scaling.cpu or memory, or add spec.scaling.triggers or prometheusQuery", path: "spec.scaling"))
  }
}
