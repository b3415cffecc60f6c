/// The parts of a Cluster one pipeline step composes (the step input's `spec.parts`). Upstream, the
/// Cluster is two KCL steps: the cloud's infrastructure, then the apps on it. A team replaces them one
/// at a time (`[apps]` first, the default, then `[infrastructure]`), and finally runs one step with
/// both.
enum ClusterPart: String, CaseIterable {
  /// The cloud's network, cluster, node pools and IAM, plus the Usages that hold the cluster until
  /// its ProviderConfigs are gone (`Infrastructure/`).
  case infrastructure
  /// What makes the cluster scale-to-zero ready: ProviderConfigs, Helm Releases, Objects, namespaces.
  case apps

  /// Today's behaviour: a step that names no parts is the apps step.
  static let defaultParts: [ClusterPart] = [.apps]

  /// `input.spec.parts`: a non-empty list of known parts, each once; every bad entry is recorded.
  static func read(_ spec: FieldReader, _ key: String) -> [ClusterPart] {
    let path = spec.fieldPath(key)
    guard let value = spec.raw(key) else { return defaultParts }
    let choices = allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    guard case .array(let items) = value else {
      spec.report(.field(path, expected: "a list of parts: \(choices)", got: value))
      return []
    }
    spec.require(
      !items.isEmpty, UserError("\(path): the list is empty; name the parts this step composes: \(choices)", path: path))
    var parts: [ClusterPart] = []
    var listedAt: [ClusterPart: Int] = [:]
    for (index, item) in items.enumerated() {
      let itemPath = "\(path)[\(index)]"
      guard let part = item.stringValue.flatMap(ClusterPart.init(rawValue:)) else {
        spec.report(.field(itemPath, expected: "one of \(choices)", got: item, wantsString: true))
        continue
      }
      if let first = listedAt[part] {
        spec.report(UserError("\(itemPath): \"\(part.rawValue)\" repeats \(path)[\(first)]; list each part once", path: itemPath))
        continue
      }
      listedAt[part] = index
      parts.append(part)
    }
    return parts
  }
}
