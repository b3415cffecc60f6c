/// What one composition step sees: the observed XR, the step's input and the observed composed
/// resources. Everything else in a RunFunctionRequest (desired state of earlier steps, context) is the
/// runtime's business: it passes those through untouched.
public struct CompositionRequest: Sendable {
  /// The observed composite resource (metadata, spec, status).
  public var composite: Value
  /// The step's `input:` from the Composition, if any.
  public var input: Value?
  /// Observed composed resources, keyed by composition resource name.
  public var observed: [String: Value]
  /// Field path -> a remark for a problem about that field, e.g. what YAML made of an unquoted value
  /// (`render` knows the file; over gRPC there is none).
  public var fieldNotes: [String: String]

  public init(composite: Value, input: Value? = nil, observed: [String: Value] = [:], fieldNotes: [String: String] = [:]) {
    self.composite = composite
    self.input = input
    self.observed = observed
    self.fieldNotes = fieldNotes
  }
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

  public var isFatal: Bool { results.contains { $0.severity == .fatal } }

  public init() {}
}
