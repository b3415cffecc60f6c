/// What one composition step sees: the observed XR, the step's input, the observed composed
/// resources, the resources and schemas Crossplane fetched for the step's requirements, and what the
/// calling Crossplane can do. Everything else in a RunFunctionRequest (desired state of earlier steps,
/// context) is the runtime's business: it passes those through untouched.
public struct CompositionRequest: Sendable {
  /// The observed composite resource (metadata, spec, status).
  public var composite: Value
  /// The step's `input:` from the Composition, if any.
  public var input: Value?
  /// Observed composed resources, keyed by composition resource name.
  public var observed: [String: Value]
  /// The resources Crossplane fetched for `Requirements.resources`, by requirement name (an empty list:
  /// none matched). A requirement not answered yet is absent.
  public var requiredResources: [String: [Value]]
  /// The OpenAPI v3 schemas Crossplane fetched for `Requirements.schemas`, by requirement name (nil:
  /// Crossplane found no schema for the kind).
  public var requiredSchemas: [String: Value?]
  /// What the calling Crossplane advertises; nil when it advertises nothing (before v2.2).
  public var capabilities: Set<Capability>?
  /// Field path -> a remark for a problem about that field, e.g. what YAML made of an unquoted value
  /// (`render` knows the file; over gRPC there is none).
  public var fieldNotes: [String: String]

  public init(
    composite: Value, input: Value? = nil, observed: [String: Value] = [:], requiredResources: [String: [Value]] = [:],
    requiredSchemas: [String: Value?] = [:], capabilities: Set<Capability>? = nil, fieldNotes: [String: String] = [:]
  ) {
    self.composite = composite
    self.input = input
    self.observed = observed
    self.requiredResources = requiredResources
    self.requiredSchemas = requiredSchemas
    self.capabilities = capabilities
    self.fieldNotes = fieldNotes
  }
}

/// What a Crossplane can do for a function, as `RequestMeta.capabilities` advertises it.
public enum Capability: Sendable, Hashable {
  /// It fetches the resources of `Requirements.resources` (Crossplane v1.15).
  case requiredResources
  /// It fetches the schemas of `Requirements.schemas` (Crossplane v2.2).
  case requiredSchemas
  /// It applies the conditions a function returns (Crossplane v1.17).
  case conditions
  /// It passes credentials to functions (Crossplane v1.16).
  case credentials
}

/// What the step asks Crossplane to fetch before it calls the step again.
public struct Requirements: Equatable, Sendable {
  /// Resources to select, by requirement name.
  public struct ResourceSelector: Equatable, Sendable {
    public enum Match: Equatable, Sendable {
      case name(String)
      case labels([String: String])
    }
    public var apiVersion: String
    public var kind: String
    public var match: Match
    /// nil: cluster-scoped resources, or namespaced ones in every namespace when matched by labels.
    public var namespace: String?

    public init(apiVersion: String, kind: String, match: Match, namespace: String? = nil) {
      self.apiVersion = apiVersion
      self.kind = kind
      self.match = match
      self.namespace = namespace
    }
  }

  /// A kind whose OpenAPI schema the step asks for.
  public struct SchemaSelector: Equatable, Sendable {
    public var apiVersion: String
    public var kind: String

    public init(apiVersion: String, kind: String) {
      self.apiVersion = apiVersion
      self.kind = kind
    }
  }

  public var resources: [String: ResourceSelector] = [:]
  public var schemas: [String: SchemaSelector] = [:]

  public var isEmpty: Bool { resources.isEmpty && schemas.isEmpty }

  public init() {}
}

public enum Severity: String, Sendable {
  case normal = "Normal"
  case warning = "Warning"
  case fatal = "Fatal"
}

/// A result as Crossplane shows it: Fatal stops the pipeline; Warning and Normal become events.
public struct FunctionResult: Equatable, Sendable {
  public var severity: Severity
  public var message: String
  /// PascalCase reason, as Crossplane requires.
  public var reason: String?

  public init(severity: Severity, message: String, reason: String? = nil) {
    self.severity = severity
    self.message = message
    self.reason = reason
  }
}

/// A condition the function sets on the XR (never Ready/Synced/Healthy: Crossplane owns those).
public struct CompositeCondition: Equatable, Sendable {
  public enum Status: String, Sendable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
  }
  public var type: String
  public var status: Status
  /// PascalCase, non-empty.
  public var reason: String
  public var message: String

  public init(type: String, status: Status, reason: String, message: String) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
  }
}

/// Crossplane's readiness of a desired composed resource. Only `ready` counts as ready; a resource
/// not (yet) ready is left `unspecified` (`READY_UNSPECIFIED`) so that later steps may still decide.
public enum Readiness: Sendable {
  case unspecified
  case ready
}

public struct DesiredResource: Equatable, Sendable {
  public var resource: Value
  public var ready: Readiness

  public init(resource: Value, ready: Readiness) {
    self.resource = resource
    self.ready = ready
  }
}

/// What the step answers. On a Fatal result `resources` and `compositeStatus` are empty and the
/// runtime leaves the desired state exactly as earlier steps left it.
public struct CompositionResult: Sendable {
  /// Desired composed resources this function owns, keyed by composition resource name.
  public var resources: [String: DesiredResource] = [:]
  /// Fields of the composite's status this function sets.
  public var compositeStatus: [String: Value] = [:]
  public var results: [FunctionResult] = []
  public var conditions: [CompositeCondition] = []
  /// What the step needs Crossplane to fetch; Crossplane calls it again with the answers.
  public var requirements = Requirements()
  /// The step input's `spec.ttl` in seconds, over the server's `--ttl`; nil keeps it.
  public var ttlSeconds: Int?

  public var isFatal: Bool { results.contains { $0.severity == .fatal } }

  public init() {}
}
