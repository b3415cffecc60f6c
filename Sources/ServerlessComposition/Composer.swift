/// The pure entry point: dispatches an XR to its composition by kind and turns what it composed into
/// a `CompositionResult`, with readiness decided from the observed resources.
public enum Composer {
  /// The XR kinds this function composes, by kind.
  static let compositions: [String: XRComposition.Type] = [
    AppComposition.kind: AppComposition.self,
    ClusterComposition.kind: ClusterComposition.self,
  ]

  public static var supportedKinds: [String] { compositions.keys.sorted() }

  public static func compose(_ request: CompositionRequest) -> CompositionResult {
    var result = CompositionResult()
    do {
      let composed = try composeResources(request)
      for resource in composed.resources {
        let ready = resource.readiness.readiness(observed: request.observed[resource.name])
        result.resources[resource.name] = DesiredResource(resource: resource.body, ready: ready)
      }
      result.compositeStatus = composed.status
      result.conditions = composed.conditions
    } catch {
      result.results = [FunctionResult(severity: .fatal, message: error.message, reason: "InvalidInput")]
    }
    return result
  }

  private static func composeResources(_ request: CompositionRequest) throws(UserError) -> Composed {
    let xr = request.composite
    let kind = xr["kind"]?.stringValue ?? ""
    let apiVersion = xr["apiVersion"]?.stringValue ?? ""
    let supported = supportedKinds.map { name in
      "\(name) (\(compositions[name]!.group))"
    }.joined(separator: ", ")
    guard let composition = compositions[kind] else {
      throw UserError(
        "kind: this function composes \(supported); got kind \(UserError.quoted(kind)) (apiVersion \(UserError.quoted(apiVersion)))")
    }
    guard apiVersion.split(separator: "/").first.map(String.init) == composition.group else {
      throw .field("apiVersion", expected: "\(composition.group)/<version> for kind \(kind)", got: .string(apiVersion))
    }
    let input = try FunctionInput(request.input)
    return try composition.compose(xr: xr, input: input, observed: request.observed)
  }
}

/// One XR kind's composition. Adding an XR is adding a type that conforms and a line in `Composer`.
protocol XRComposition {
  static var kind: String { get }
  static var group: String { get }
  static func compose(xr: Value, input: FunctionInput, observed: [String: Value]) throws(UserError) -> Composed
}
