import ServerlessComposition

/// The documents `crossplane render` prints for a pipeline of this one function, as the CLI of
/// crossplane/cli v2.5.0 prints them (its engine is Crossplane v2.3.4's XR reconciler): the XR, each
/// composed resource by composition resource name, and with `--include-function-results` the events
/// of the reconcile as `Result` documents.
struct RenderedOutput {
  /// Every condition's `lastTransitionTime`: the CLI pins it so that output compares across runs.
  static let conditionTime = "2024-01-01T00:00:00Z"
  /// How many unready resources the Ready condition names before "and N more" (crossplane-runtime).
  static let namedUnready = 3

  let xr: Value
  let result: CompositionResult
  let step: String

  var xrName: String { xr.lookup("metadata.name")?.stringValue ?? "" }
  var xrNamespace: String? { xr.lookup("metadata.namespace")?.stringValue }

  /// Composition resource names of the resources that are not ready, sorted.
  var unready: [String] { result.resources.filter { $0.value.ready != .ready }.keys.sorted() }

  /// The XR: name, namespace, the references to what it composed, and the status the step set with
  /// the conditions the reconciler adds (`Responsive`, the function's, `Synced`, `Ready`).
  /// - Parameter full: with the XR's own metadata and spec as given (`crossplane render -x`).
  func composite(full: Bool = false) -> Value {
    var metadata: Value = ["name": .string(xrName)]
    if let xrNamespace { metadata["namespace"] = .string(xrNamespace) }
    var spec: Value = ["crossplane": ["resourceRefs": .array(resourceRefs())]]
    if full {
      metadata = xr["metadata"] ?? metadata
      spec = (xr["spec"] ?? .object([:])).merging(spec)
    }
    var status = Value.object(JSONObject(result.compositeStatus))
    status["conditions"] = .array(conditions().map(Self.conditionValue))
    // The CLI merges its output over the XR it was given, so the XR's own status fields stay.
    if full, let given = xr["status"], given.objectValue != nil { status = given.merging(status) }
    return ["apiVersion": xr["apiVersion"] ?? "", "kind": xr["kind"] ?? "", "metadata": metadata, "spec": spec, "status": status]
  }

  /// The function's conditions merged by type (a later one of a type replaces an earlier one; system
  /// types are Crossplane's own), between the reconciler's `Responsive` and its `Synced` and `Ready`.
  func conditions() -> [CompositeCondition] {
    var merged = [CompositeCondition(type: "Responsive", status: .true, reason: "WatchCircuitClosed", message: "")]
    let systemTypes: Set = ["Ready", "Synced", "Healthy", "UpToDate", "Responsive"]
    for condition in result.conditions where !systemTypes.contains(condition.type) {
      if let index = merged.firstIndex(where: { $0.type == condition.type }) {
        merged[index] = condition
      } else {
        merged.append(condition)
      }
    }
    merged.append(CompositeCondition(type: "Synced", status: .true, reason: "ReconcileSuccess", message: ""))
    let unready = unready
    merged.append(
      unready.isEmpty
        ? CompositeCondition(type: "Ready", status: .true, reason: "Available", message: "")
        : CompositeCondition(type: "Ready", status: .false, reason: "Creating", message: "Unready resources: \(Self.firstNames(unready))"))
    return merged
  }

  /// `a`, `a, b`, `a, b, and c`, `a, b, c, and 2 more` (crossplane-runtime `FirstNAndSomeMore`).
  static func firstNames(_ names: [String]) -> String {
    if names.count > namedUnready {
      return "\(names.prefix(namedUnready).joined(separator: ", ")), and \(names.count - namedUnready) more"
    }
    if names.count == namedUnready {
      return "\(names.dropLast().joined(separator: ", ")), and \(names[names.count - 1])"
    }
    return names.joined(separator: ", ")
  }

  static func conditionValue(_ condition: CompositeCondition) -> Value {
    var value: Value = [
      "type": .string(condition.type), "status": .string(condition.status.rawValue), "reason": .string(condition.reason),
      "lastTransitionTime": .string(conditionTime),
    ]
    if !condition.message.isEmpty { value["message"] = .string(condition.message) }
    return value
  }

  /// `spec.crossplane.resourceRefs`, sorted as Crossplane sorts them (apiVersion, kind, name); a
  /// namespaced XR's references carry no namespace (its resources live in its own).
  func resourceRefs() -> [Value] {
    result.resources.values.map { desired -> (key: String, ref: Value) in
      let resource = desired.resource
      let apiVersion = resource["apiVersion"]?.stringValue ?? ""
      let kind = resource["kind"]?.stringValue ?? ""
      let name = resource.lookup("metadata.name")?.stringValue ?? ""
      var ref: Value = ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name)]
      let namespace = xrNamespace == nil ? resource.lookup("metadata.namespace")?.stringValue : nil
      if let namespace { ref["namespace"] = .string(namespace) }
      return (apiVersion + kind + name + (namespace ?? ""), ref)
    }.sorted { $0.key < $1.key }.map(\.ref)
  }

  /// A composed resource with what Crossplane adds: the composition resource name, `generateName`
  /// when it has no name, the composite label, a controller reference, and the XR's namespace.
  func composed(_ name: String) -> Value {
    var resource = result.resources[name]!.resource
    var metadata = resource["metadata"] ?? .object([:])
    let hasName = !(metadata["name"]?.stringValue ?? "").isEmpty
    let compositeLabel = xr.lookup("metadata.labels")?["crossplane.io/composite"]?.stringValue ?? xrName
    if !hasName && metadata["generateName"] == nil { metadata["generateName"] = .string("\(compositeLabel)-") }
    let uid =
      xr.lookup("metadata.uid")?.stringValue
      ?? OwnerUID.derived(
        apiVersion: xr["apiVersion"]?.stringValue ?? "", kind: xr["kind"]?.stringValue ?? "", namespace: xrNamespace ?? "",
        name: xrName)
    metadata = metadata.merging([
      "annotations": ["crossplane.io/composition-resource-name": .string(name)],
      "labels": ["crossplane.io/composite": .string(compositeLabel)],
      "ownerReferences": [
        [
          "apiVersion": xr["apiVersion"] ?? "", "kind": xr["kind"] ?? "", "name": .string(xrName), "uid": .string(uid),
          "controller": true, "blockOwnerDeletion": true,
        ]
      ],
    ])
    if let xrNamespace { metadata["namespace"] = .string(xrNamespace) }
    resource["metadata"] = metadata
    return resource
  }

  /// The reconcile's events as `Result` documents, in the order Crossplane records them: the
  /// Composition's selection, the step's results, then one per composed resource not yet ready
  /// (sorted here; Crossplane's order is a map's).
  func results(composition: String?) -> [Value] {
    func event(_ severity: String, _ reason: String, _ message: String) -> Value {
      [
        "apiVersion": "render.crossplane.io/v1beta1", "kind": "Result", "severity": .string(severity),
        "reason": .string(reason), "message": .string(message),
      ]
    }
    var events: [Value] = []
    if let composition { events.append(event("Normal", "SelectComposition", "Successfully selected composition: \(composition)")) }
    for result in result.results where result.severity != .fatal {
      events.append(event(result.severity.rawValue, result.reason ?? "ComposeResources", "Pipeline step \"\(step)\": \(result.message)"))
    }
    for name in unready {
      events.append(event("Normal", "ComposeResources", "Composed resource \"\(name)\" is not yet ready"))
    }
    return events
  }
}
