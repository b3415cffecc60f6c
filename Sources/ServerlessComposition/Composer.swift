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
      result.requirements = composed.requirements
      result.ttlSeconds = composed.ttlSeconds
    } catch {
      result.results = [FunctionResult(severity: .fatal, message: error.message(notes: request.fieldNotes), reason: "InvalidInput")]
    }
    return result
  }

  private static func composeResources(_ request: CompositionRequest) throws(UserError) -> Composed {
    let xr = request.composite
    let kind = xr["kind"]?.stringValue ?? ""
    let apiVersion = xr["apiVersion"]?.stringValue ?? ""
    guard let composition = compositions[kind] else {
      let supported = compositions.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.group))" }.joined(separator: ", ")
      throw UserError(
        "kind: this function composes \(supported); got kind \(UserError.quoted(kind)) (apiVersion \(UserError.quoted(apiVersion)))")
    }
    let served = "\(composition.group)/\(composition.servedVersion)"
    guard apiVersion == served else {
      throw .field("apiVersion", expected: "\(served) (the version the \(kind) XRD serves)", got: .string(apiVersion))
    }
    let context = CompositionContext(
      xr: xr, input: try FunctionInput(request.input), observed: request.observed, requiredResources: request.requiredResources,
      requiredSchemas: request.requiredSchemas, capabilities: request.capabilities)
    var composed = try composition.compose(context)
    try ServedKinds.check(&composed, context: context)
    composed.ttlSeconds = context.input.ttl
    return composed
  }
}

/// One XR kind's composition. Adding an XR is adding a type that conforms and a line in `Composer`.
protocol XRComposition {
  static var kind: String { get }
  static var group: String { get }
  /// The one version the XRD serves (`examples/<xr>/xrd.yaml`).
  static var servedVersion: String { get }
  static func compose(_ context: CompositionContext) throws(UserError) -> Composed
}

/// Everything one composition reads, in one value: the XR, the step's input, what is observed, what
/// Crossplane fetched for the step's requirements, and what it can do.
struct CompositionContext {
  var xr: Value
  var input: FunctionInput
  /// Observed composed resources, by composition resource name.
  var observed: [String: Value]
  /// Resources fetched for `Requirements.resources`, by requirement name.
  var requiredResources: [String: [Value]] = [:]
  /// Schemas fetched for `Requirements.schemas`, by requirement name.
  var requiredSchemas: [String: Value?] = [:]
  /// nil when Crossplane advertises nothing (before v2.2).
  var capabilities: Set<Capability>?
}
