import Foundation
import ServerlessComposition

/// What `simulate` runs: the App (or the App once per swept value), each against the same App
/// always on, for the saving.
public struct Study {
  /// Composes the App, changed by the given transformation of its XR, as `render` composes it.
  public typealias Compose = (_ transformXR: @escaping (Value) -> Value) throws -> ComposedApp

  public var compose: Compose
  public var trace: Trace
  public var parameters: SimulationParameters

  public init(compose: @escaping Compose, trace: Trace, parameters: SimulationParameters) {
    self.compose = compose
    self.trace = trace
    self.parameters = parameters
  }

  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// One run, compared with the same objects always on; and notes on what the model does not follow.
  public func run(_ transform: @escaping (Value) -> Value = { $0 }) throws -> (outcome: SimulationOutcome, notes: [String]) {
    let app = try compose(transform)
    guard app.hasRoute else {
      throw Problem(
        description: "the App composes no route (spec.routing: none), so no request of the trace reaches it; simulate replays "
          + "HTTP traffic through an HTTPRoute or an Ingress")
    }
    var outcome = Simulator(app: app, trace: trace, parameters: parameters).run()
    outcome.compare(alwaysOn: Simulator(app: app.alwaysOn, trace: trace, parameters: parameters).run())
    return (outcome, app.notes(parameters))
  }

  /// One run per swept value.
  public func sweep(_ sweep: Sweep) throws -> (rows: [SweepReport.Row], notes: [String]) {
    var rows: [SweepReport.Row] = []
    var notes: [String] = []
    for value in sweep.values {
      let (outcome, runNotes) = try run { sweep.applying(value, to: $0) }
      rows.append(.init(value: Sweep.label(value), outcome: outcome))
      notes += runNotes.filter { !notes.contains($0) }
    }
    return (rows, notes)
  }
}

/// A sweep's results (`--output json`).
public struct SweepReport: Encodable {
  public struct Row: Encodable {
    public var value: String
    public var outcome: SimulationOutcome
  }

  public var field: String
  public var results: [Row]
  /// The recommended value, with `--recommend`.
  public var recommended: String?
  public var maxColdFraction: Double?

  public init(field: String, results: [Row], recommended: String?, maxColdFraction: Double?) {
    self.field = field
    self.results = results
    self.recommended = recommended
    self.maxColdFraction = maxColdFraction
  }
}

/// JSON as `--output json` prints it: sorted keys, indented.
public enum JSONReport {
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
