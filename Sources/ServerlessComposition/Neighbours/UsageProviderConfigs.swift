/// The infrastructure part's Usages hold the cloud's cluster until the ProviderConfigs named after
/// the XR are gone, and Crossplane puts a Usage in force (ready) only once both ends exist. The apps
/// part composes those ProviderConfigs; a step with `parts: [infrastructure]` alone asks Crossplane
/// for them (two cached reads by name) and says on the `ProviderConfigsFound` condition when they
/// are missing, since the XR then never becomes Ready.
struct UsageProviderConfigs {
  static let conditionType = "ProviderConfigsFound"

  struct Wanted {
    var requirement: String
    var apiVersion: String
    var lookup: NeighbourLookup
  }

  let xrName: String
  let xrNamespace: String
  /// Empty when the same step composes the ProviderConfigs (with the apps part).
  let wanted: [Wanted]

  init(xrName: String, parts: Set<ClusterPart>, context: CompositionContext) {
    self.xrName = xrName
    xrNamespace = context.xrNamespace
    guard !parts.contains(.apps) else {
      wanted = []
      return
    }
    wanted = [("provider-config-helm", HelmRelease.apiVersion), ("provider-config-kubernetes", KubernetesObject.apiVersion)].map {
      Wanted(requirement: $0, apiVersion: $1, lookup: NeighbourLookup($0, in: context.requiredResources))
    }
  }

  var requirements: [String: Requirements.ResourceSelector] {
    Dictionary(
      uniqueKeysWithValues: wanted.map {
        ($0.requirement, .init(apiVersion: $0.apiVersion, kind: "ProviderConfig", match: .name(xrName), namespace: xrNamespace))
      })
  }

  var condition: CompositeCondition {
    guard !wanted.isEmpty else {
      return CompositeCondition(
        type: Self.conditionType, status: .true, reason: "ComposedHere",
        message: "this step composes the ProviderConfigs the Usages wait for (its spec.parts has apps)")
    }
    let names = wanted.map { "ProviderConfig \(UserError.quoted(xrName)) (\($0.apiVersion))" }
    let missing = wanted.filter(\.lookup.isMissing)
    if !missing.isEmpty {
      let list = missing.map { "ProviderConfig \(UserError.quoted(xrName)) (\($0.apiVersion))" }.joined(separator: " and ")
      return CompositeCondition(
        type: Self.conditionType, status: .false, reason: "ProviderConfigMissing",
        message: "the Usages that hold the cluster wait for \(list) in namespace \(UserError.quoted(xrNamespace)), which does "
          + "not exist, so the XR does not become Ready; add apps to this step's spec.parts, or a step with parts: [apps] "
          + "(which composes them)")
    }
    guard wanted.allSatisfy(\.lookup.isFound) else {
      return CompositeCondition(
        type: Self.conditionType, status: .unknown, reason: "NotChecked",
        message: "Crossplane has not fetched \(names.joined(separator: " and ")), which the Usages wait for")
    }
    return CompositeCondition(
      type: Self.conditionType, status: .true, reason: "Found",
      message: "\(names.joined(separator: " and ")), which the Usages wait for, exist")
  }
}
