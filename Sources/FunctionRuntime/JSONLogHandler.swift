import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to stderr, as Crossplane's function SDKs
/// log at info level (readable lines are swift-log's own `StreamLogHandler`, used with `--debug`).
public struct JSONLogHandler: LogHandler {
  public var logLevel: Logger.Level = .info
  public var metadata: Logger.Metadata = [:]
  let label: String

  public init(label: String) {
    self.label = label
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var line: [String: String] = [
      "ts": ISO8601DateFormatter().string(from: Date()),
      "level": event.level.rawValue,
      "logger": label,
      "msg": "\(event.message)",
    ]
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
      line[key] = "\(value)"
    }
    guard var data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return }
    data.append(UInt8(ascii: "\n"))
    FileHandle.standardError.write(data)
  }
}
