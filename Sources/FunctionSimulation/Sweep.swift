import ServerlessComposition

/// `--sweep FIELD=V1,V2,...`: the same trace through the App composed with each value of one field.
public struct Sweep: Sendable, Equatable {
  /// The field's path in the XR.
  public var path: [String]
  /// What the user wrote for the field (an alias or the path).
  public var field: String
  public var values: [Value]

  /// Short names for the fields one tunes most, as `spec.scaling` spells them.
  public static let aliases: [String: String] = [
    "scaleToZeroAfter": "spec.scaling.scaleToZeroAfter",
    "target": "spec.scaling.target.concurrency",
    "concurrency": "spec.scaling.target.concurrency",
    "requestsPerReplica": "spec.scaling.requestsPerReplica",
    "minReplicas": "spec.minReplicas",
    "maxReplicas": "spec.maxReplicas",
    "pollingInterval": "spec.scaling.pollingInterval",
    "schedules": "spec.scaling.schedules",
  ]

  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// Parses `FIELD=V1,V2,...`. Values are numbers, booleans or strings as YAML reads them;
  /// `schedules` takes `on` and `off` (off removes the App's schedules).
  public init(_ text: String) throws(Problem) {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw Problem(description: "--sweep \(text): expected FIELD=V1,V2,... such as scaleToZeroAfter=1m,5m,15m")
    }
    field = String(text[..<equals])
    let pathText = Self.aliases[field] ?? field
    guard pathText.hasPrefix("spec.") else {
      throw Problem(
        description: "--sweep \(field): expected one of \(Self.aliases.keys.sorted().joined(separator: ", ")) or a path "
          + "under spec such as spec.scaling.cooldownPeriod")
    }
    path = pathText.split(separator: ".").map(String.init)
    let items = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
      .map { String($0).trimmingWhitespace() }
    guard !items.isEmpty, !items.contains("") else {
      throw Problem(description: "--sweep \(text): expected at least one value after =, separated by commas")
    }
    if field == "schedules" {
      guard items.allSatisfy({ $0 == "on" || $0 == "off" }) else {
        throw Problem(description: "--sweep schedules: takes on and off (off removes spec.scaling.schedules)")
      }
    }
    values = items.map(Self.scalar)
  }

  static func scalar(_ text: String) -> Value {
    if let int = Int(text) { return .number(Double(int)) }
    if let number = Double(text), number.isFinite { return .number(number) }
    if text == "true" || text == "false" { return .bool(text == "true") }
    return .string(text)
  }

  /// The XR with the field set to `value`; `schedules: off` removes the schedules, `on` keeps them.
  public func applying(_ value: Value, to xr: Value) -> Value {
    if field == "schedules" {
      return value == .string("off") ? Self.removing(path, from: xr) : xr
    }
    return Self.setting(path, to: value, in: xr)
  }

  /// `xr` with the field at `path` set to `value`, creating the objects on the way.
  public static func setting(_ path: [String], to value: Value, in xr: Value) -> Value {
    setting(path[...], to: value, in: xr)
  }

  /// The label of a value in tables and plots.
  public static func label(_ value: Value) -> String {
    switch value {
    case .string(let text): text
    case .number(let number): Int(exactly: number).map(String.init) ?? String(number)
    case .bool(let flag): String(flag)
    default: "?"
    }
  }

  static func setting(_ path: ArraySlice<String>, to value: Value, in object: Value) -> Value {
    guard let key = path.first else { return value }
    var object = object.objectValue ?? [:]
    object[key] = setting(path.dropFirst(), to: value, in: object[key] ?? .object([:]))
    return .object(object)
  }

  static func removing(_ path: [String], from xr: Value) -> Value {
    guard let key = path.first else { return xr }
    guard var object = xr.objectValue else { return xr }
    if path.count == 1 {
      object[key] = nil
    } else if let child = object[key] {
      object[key] = removing(Array(path.dropFirst()), from: child)
    }
    return .object(object)
  }
}

/// `--recommend`: of the swept settings whose cold-start fraction is within the budget and that lose
/// no request, the one with the fewest pod-seconds.
public enum Recommendation {
  public static func choose(_ outcomes: [SweepReport.Row], maxColdFraction: Double) -> Int? {
    var best: Int?
    for (index, entry) in outcomes.enumerated()
    where entry.outcome.coldStartFraction <= maxColdFraction && entry.outcome.lost == 0 {
      if best.map({ entry.outcome.podSeconds < outcomes[$0].outcome.podSeconds }) ?? true { best = index }
    }
    return best
  }
}
