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

  /// One run, compared with the always-on run; and what the model does not follow.
  public func run(_ transform: @escaping (Value) -> Value = { $0 }) throws -> (outcome: SimulationOutcome, notModelled: [String]) {
    let app = try compose(transform)
    var outcome = Simulator(app: app, trace: trace, parameters: parameters).run()
    let alwaysOn = try compose { AlwaysOn.variant(of: transform($0)) }
    outcome.compare(alwaysOn: Simulator(app: alwaysOn, trace: trace, parameters: parameters).run())
    return (outcome, app.notModelled)
  }

  /// One run per swept value.
  public func sweep(_ sweep: Sweep) throws -> (rows: [SweepReport.Row], notModelled: [String]) {
    var rows: [SweepReport.Row] = []
    var notModelled: [String] = []
    for value in sweep.values {
      let (outcome, notes) = try run { sweep.applying(value, to: $0) }
      rows.append(.init(value: Sweep.label(value), outcome: outcome))
      notModelled = notes
    }
    return (rows, notModelled)
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
