import ServerlessComposition
import SwiftProtobuf

public typealias RunFunctionRequest = Apiextensions_Fn_Proto_V1_RunFunctionRequest
public typealias RunFunctionResponse = Apiextensions_Fn_Proto_V1_RunFunctionResponse

/// One RunFunction call, protocol side: converts the request to the composition's value model, runs
/// the pure composition, and builds the response the way Crossplane's SDKs do. No I/O.
///
/// The response starts as a copy of the request's desired state and context, so every resource and
/// status field an earlier pipeline step produced comes back untouched; the function adds or replaces
/// only the composed resources it owns and merges its status fields into the composite's.
public struct FunctionRunner: Sendable {
  /// How long Crossplane may reuse this answer for an identical request.
  public var ttl: Duration

  /// The largest response Crossplane reads: its gRPC client keeps the default 4 MiB receive limit.
  public static let crossplaneMaxResponseBytes = 4 << 20
  public var maxResponseBytes: Int

  public init(ttl: Duration = .seconds(60), maxResponseBytes: Int = crossplaneMaxResponseBytes) {
    self.ttl = ttl
    self.maxResponseBytes = maxResponseBytes
  }

  /// What a call did, for the per-call log line.
  public struct Summary: Sendable {
    public var compositeKind: String
    public var compositeName: String
    public var resourcesComposed: Int
    public var fatal: Bool
  }

  /// The response as a protobuf message (tests, tools); the server sends `answer`'s bytes.
  public func run(_ request: RunFunctionRequest) -> (RunFunctionResponse, Summary) {
    var (response, composed, summary) = outcome(FunctionRequest(request))
    // Built aside and assigned once: each write through `response.desired` may copy its storage.
    var resources = response.desired.resources
    resources.reserveCapacity(resources.count + composed.count)
    for (name, resource) in composed { resources[name] = resource.proto }
    response.desired.resources = resources
    return (response, summary)
  }

  /// The response without the resources the function composed, which come aside in the value model.
  func outcome(_ decoded: FunctionRequest) -> (RunFunctionResponse, [String: ResponseEncoding.ComposedResource], Summary) {
    let request = decoded.message
    let composite = decoded.observed.composite
    let result = Composer.compose(
      CompositionRequest(
        composite: composite,
        input: request.hasInput ? Value(request.input) : nil,
        observed: decoded.observed.resources,
        requiredResources: request.requiredResources.mapValues { $0.items.map { Value($0.resource) } },
        requiredSchemas: request.requiredSchemas.mapValues { $0.hasOpenapiV3 ? Value($0.openapiV3) : nil },
        capabilities: Self.capabilities(request.meta)))

    var response = passThrough(request)
    // The step's own TTL (its input's spec.ttl) over the server's.
    if let seconds = result.ttlSeconds { response.meta.ttl = Google_Protobuf_Duration(seconds: Int64(seconds), nanos: 0) }
    response.results = result.results.map(Self.protoResult)
    // Crossplane fetches what is required and calls again, until the requirements stop changing.
    if !result.requirements.isEmpty { response.requirements = Self.protoRequirements(result.requirements) }

    // On a Fatal result Crossplane applies nothing: leave the desired state as earlier steps left it.
    var composed: [String: ResponseEncoding.ComposedResource] = [:]
    if !result.isFatal {
      composed.reserveCapacity(result.resources.count)
      for (name, desired) in result.resources {
        composed[name] = ResponseEncoding.ComposedResource(resource: desired.resource, ready: Self.protoReady(desired.ready))
      }
      response.desired.composite.resource = Self.desiredComposite(
        observed: composite, earlier: request.desired.composite.resource, status: result.compositeStatus)
      response.conditions = result.conditions.map(Self.protoCondition)
    }

    let summary = Summary(
      compositeKind: composite["kind"]?.stringValue ?? "",
      compositeName: composite.lookup("metadata.name")?.stringValue ?? "",
      resourcesComposed: result.resources.count,
      fatal: result.isFatal)
    return (response, composed, summary)
  }

  /// The call's answer encoded for the wire (once, in `ResponseEncoding`'s linear time, the composed
  /// resources straight from the value model), with its results for the call's metrics. An answer
  /// Crossplane cannot read would fail the reconcile with a transport error that names nothing: it
  /// becomes a Fatal result that says what is too big.
  public func answer(_ request: RunFunctionRequest) throws -> (
    bytes: [UInt8], results: [Apiextensions_Fn_Proto_V1_Result], summary: Summary
  ) {
    try answer(FunctionRequest(request))
  }

  /// The answer to a request as the server decodes it (`RequestDecoding`).
  public func answer(_ decoded: FunctionRequest) throws -> (
    bytes: [UInt8], results: [Apiextensions_Fn_Proto_V1_Result], summary: Summary
  ) {
    let request = decoded.message
    var (response, composed, summary) = outcome(decoded)
    var bytes = try ResponseEncoding.encode(response, composed: composed)
    if bytes.count > maxResponseBytes {
      let size = bytes.count
      response = passThrough(request)
      response.results = [
        Self.protoResult(
          FunctionResult(
            severity: .fatal,
            message: "the answer for \(summary.compositeKind) \(UserError.quoted(summary.compositeName)) would be "
              + "\(size) bytes with \(summary.resourcesComposed) composed resources, above the \(maxResponseBytes) bytes "
              + "Crossplane reads; compose fewer resources from one XR (for example fewer spec.parameters.namespaces)",
            reason: "ResponseTooLarge"))
      ]
      summary.resourcesComposed = 0
      summary.fatal = true
      bytes = try ResponseEncoding.encode(response)
    }
    return (bytes, response.results, summary)
  }

  /// A response that changes nothing: the request's tag, its desired state and context as they came.
  func passThrough(_ request: RunFunctionRequest) -> RunFunctionResponse {
    var response = RunFunctionResponse()
    response.meta.tag = request.meta.tag
    response.meta.ttl = Google_Protobuf_Duration(seconds: ttl.components.seconds, nanos: Int32(ttl.components.attoseconds / 1_000_000_000))
    response.desired = request.desired
    if request.hasContext { response.context = request.context }
    return response
  }

  /// The desired composite as an earlier step left it (every field, not only its status: the proto
  /// asks a function to pass through what it does not own), with `apiVersion` and `kind` from the
  /// observed XR where no earlier step set them, and our status fields merged over its status.
  static func desiredComposite(observed: Value, earlier: Google_Protobuf_Struct, status: [String: Value]) -> Google_Protobuf_Struct {
    var composite = earlier
    for key in ["apiVersion", "kind"] where composite.fields[key] == nil {
      composite.fields[key] = (observed[key] ?? .string("")).protoValue
    }
    let earlierStatus = earlier.fields["status"].map(Value.init) ?? .object([:])
    composite.fields["status"] = earlierStatus.merging(.object(JSONObject(status))).protoValue
    return composite
  }

  /// What the calling Crossplane advertises; nil for one that advertises nothing (before v2.2, when
  /// `CAPABILITY_CAPABILITIES` is absent, an absent capability says nothing).
  public static func capabilities(_ meta: Apiextensions_Fn_Proto_V1_RequestMeta) -> Set<Capability>? {
    guard meta.capabilities.contains(.capabilities) else { return nil }
    return Set(
      meta.capabilities.compactMap { capability in
        switch capability {
        case .requiredResources: .requiredResources
        case .requiredSchemas: .requiredSchemas
        case .conditions: .conditions
        case .credentials: .credentials
        default: nil
        }
      })
  }

  public static func protoRequirements(_ requirements: Requirements) -> Apiextensions_Fn_Proto_V1_Requirements {
    var proto = Apiextensions_Fn_Proto_V1_Requirements()
    proto.resources = requirements.resources.mapValues { selector in
      var resource = Apiextensions_Fn_Proto_V1_ResourceSelector()
      resource.apiVersion = selector.apiVersion
      resource.kind = selector.kind
      switch selector.match {
      case .name(let name): resource.matchName = name
      case .labels(let labels): resource.matchLabels.labels = labels
      }
      if let namespace = selector.namespace { resource.namespace = namespace }
      return resource
    }
    proto.schemas = requirements.schemas.mapValues { selector in
      var schema = Apiextensions_Fn_Proto_V1_SchemaSelector()
      schema.apiVersion = selector.apiVersion
      schema.kind = selector.kind
      return schema
    }
    return proto
  }

  static func protoReady(_ ready: Readiness) -> Apiextensions_Fn_Proto_V1_Ready {
    switch ready {
    case .unspecified: .unspecified
    case .ready: .true
    }
  }

  static func protoResult(_ result: FunctionResult) -> Apiextensions_Fn_Proto_V1_Result {
    var proto = Apiextensions_Fn_Proto_V1_Result()
    proto.severity =
      switch result.severity {
      case .fatal: .fatal
      case .warning: .warning
      case .normal: .normal
      }
    proto.message = result.message
    if let reason = result.reason { proto.reason = reason }
    proto.target = .composite
    return proto
  }

  static func protoCondition(_ condition: CompositeCondition) -> Apiextensions_Fn_Proto_V1_Condition {
    var proto = Apiextensions_Fn_Proto_V1_Condition()
    proto.type = condition.type
    proto.status =
      switch condition.status {
      case .true: .conditionTrue
      case .false: .conditionFalse
      case .unknown: .conditionUnknown
      }
    proto.reason = condition.reason
    proto.message = condition.message
    proto.target = .composite
    return proto
  }
}
