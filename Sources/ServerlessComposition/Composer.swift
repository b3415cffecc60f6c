/// The pure entry point: dispatches an XR to its composition by kind and turns what it composed into
/// a `CompositionResult`, with readiness decided from the observed resources.
public enum Composer {
  /// The XR kinds this function composes, by kind. (Computed: a stored dictionary of metatypes is not
  /// Sendable, and two entries cost nothing to build.)
  static var compositions: [String: XRComposition.Type] {
    [
      AppComposition.kind: AppComposition.self,
      ClusterComposition.kind: ClusterComposition.self,
    ]
  }

  public static var supportedKinds: [String] { compositions.keys.sorted() }

  /// The apiVersion of this function's step input (`Input`), by which a Composition's step is known.
  public static let inputAPIVersion = FunctionInput.apiVersion

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
      result.results = [FunctionResult(severity: .fatal, message: error.message(notes: request.fieldNotes), reason: "InvalidInput")]
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
    let served = "\(composition.group)/\(composition.servedVersion)"
    guard apiVersion == served else {
      throw .field("apiVersion", expected: "\(served) (the version the \(kind) XRD serves)", got: .string(apiVersion))
    }
    let input = try FunctionInput(request.input)
    return try composition.compose(xr: xr, input: input, observed: request.observed)
  }
}

/// One XR kind's composition. Adding an XR is adding a type that conforms and a line in `Composer`.
protocol XRComposition {
  static var kind: String { get }
  static var group: String { get }
  /// The one version the XRD serves (`examples/<xr>/xrd.yaml`).
  static var servedVersion: String { get }
  static func compose(xr: Value, input: FunctionInput, observed: [String: Value]) throws(UserError) -> Composed
}
