import ArgumentParser
import Foundation
import FunctionRender
import FunctionSimulation
import ServerlessComposition

/// Replays a request trace through what the App composes (docs/simulate.md).
struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay a request trace through what an App composes and report cold starts, waits, lost requests and pod-hours.")

  @Argument(help: "The App, a YAML file (as for render).")
  var xr: String

  @Option(
    help:
      "The trace: a CSV of request times (header line; seconds from the start or RFC 3339; optional service seconds), or Azure Functions 2019 per-minute files (repeat for more days)."
  )
  var trace: [String] = []

  @Option(help: "How long the trace lasts, when longer than its last request (e.g. 168h): the idle end counts too.")
  var duration: String?

  @Option(help: "In an Azure Functions trace, the application (or function) to replay: a prefix of its HashApp or HashFunction.")
  var traceApp: String?

  @Option(help: "The step input (serverless.fn.crossplane.io/v1beta1 Input), a YAML file.")
  var input: String?

  @Option(help: "A Composition whose step input is used (as for render).")
  var composition: String?

  @Option(help: "The functionRef.name of this function's step in --composition, when the Composition has several.")
  var functionName: String?

  @Option(help: "The XRD: its defaults are applied to the App, and the App must match its schema.")
  var xrd: String?

  @Option(help: "From a pod's creation until the app answers its probes. (default: \(SimulationParameters.defaultText(\.podStart)))")
  var podStart: String?

  @Option(
    help:
      "From the first request at zero until KEDA scales the app up (the add-on's queue tick and stream). (default: \(SimulationParameters.defaultText(\.activationDelay)))"
  )
  var activationDelay: String?

  @Option(
    help:
      "The HPA controller's sync period (kube-controller-manager --horizontal-pod-autoscaler-sync-period). (default: \(SimulationParameters.defaultText(\.hpaSyncPeriod)))"
  )
  var hpaSyncPeriod: String?

  @Option(help: "How often Prometheus scrapes Envoy's request counter. (default: \(SimulationParameters.defaultText(\.scrapeInterval)))")
  var scrapeInterval: String?

  @Option(help: "A request's time in the app, when the trace has none. (default: \(SimulationParameters.defaultText(\.serviceTime)))")
  var serviceTime: String?

  @Option(
    help:
      "From the wake until a hibernated database (spec.db.cnpg.hibernate) serves again. (default: \(SimulationParameters.defaultText(\.databaseResume)))"
  )
  var databaseResume: String?

  @Option(
    help:
      "From the app reaching zero until its database is hibernated (a wake before finds it up). (default: \(SimulationParameters.defaultText(\.databaseHibernateAfter)))"
  )
  var databaseHibernateAfter: String?

  @Option(
    help:
      "The wall-clock time of the trace's second 0 when it names none (cron schedules are placed against it; default: \(SimulationParameters.defaultStart))."
  )
  var start: String?

  @Option(help: "Seed for spreading per-minute counts over their minute, and for where Prometheus', KEDA's and the HPA's clocks tick.")
  var seed: UInt64 = SimulationParameters.defaultSeed

  @Option(help: "text or json.")
  var output: OutputFormat = .text

  @Option(help: "Write an SVG plot (load, replicas and cold starts; or a sweep's trade-off) to this file.")
  var plot: String?

  @Option(
    help:
      "FIELD=V1,V2,...: simulate once per value (scaleToZeroAfter, target, minReplicas, maxReplicas, requestsPerReplica, pollingInterval, schedules=on,off, or a path under spec)."
  )
  var sweep: String?

  @Flag(help: "Name the swept value with the fewest pod-hours within --max-cold (sweeps scaleToZeroAfter when --sweep is not given).")
  var recommend = false

  @Option(help: "The cold-start budget for --recommend: a share of requests, e.g. 1% or 0.01.")
  var maxCold = "1%"

  enum OutputFormat: String, ExpressibleByArgument { case text, json }

  static let defaultSweep = "scaleToZeroAfter=1m,2m,5m,10m,15m,30m,1h"

  func run() throws {
    do {
      try simulate()
    } catch let exit as ExitCode {
      throw exit
    } catch {
      FileHandle.standardError.write(Data("function-serverless simulate: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }

  func simulate() throws {
    let files = Renderer.Files(xr: xr, input: input, composition: composition, xrd: xrd)
    let study = Study(
      compose: { transform in
        let composed = try Renderer.compose(files, functionName: functionName, transformXR: transform)
        guard composed.xr["kind"]?.stringValue == "App" else {
          throw ValidationError("\(xr): simulate takes an App (devopstoolkit.live), got kind \(composed.xr["kind"]?.stringValue ?? "none")")
        }
        return ComposedApp(xr: composed.xr, objects: composed.result.resources.mapValues(\.resource))
      }, trace: try loadTrace(), parameters: try simulationParameters())
    let budget = try coldBudget()
    guard let sweepText = sweep ?? (recommend ? Self.defaultSweep : nil) else {
      let (outcome, notes) = try study.run()
      switch output {
      case .text: print(TextReport.render(outcome, notes: notes), terminator: "")
      case .json: print(try JSONReport.encode(outcome))
      }
      if let plot {
        let title = "Simulated \(URL(fileURLWithPath: xr).lastPathComponent)"
        try write(SVGPlot.timeline(outcome, arrivals: study.trace.arrivals, title: title), to: plot)
      }
      return
    }
    let sweep = try Sweep(sweepText)
    let (rows, notes) = try study.sweep(sweep)
    let recommended = recommend ? Recommendation.choose(rows, maxColdFraction: budget) : nil
    let shownBudget = recommend ? budget : nil
    switch output {
    case .text:
      print(TextReport.sweep(field: sweep.field, rows, recommended: recommended, maxColdFraction: shownBudget), terminator: "")
      for note in notes { print("note: \(note)") }
    case .json:
      let report = SweepReport(
        field: sweep.field, results: rows, recommended: recommended.map { rows[$0].value }, maxColdFraction: shownBudget)
      print(try JSONReport.encode(report))
    }
    if let plot {
      try write(SVGPlot.sweep(field: sweep.field, rows, recommended: recommended, maxColdFraction: shownBudget), to: plot)
    }
  }

  func loadTrace() throws -> Trace {
    guard let first = trace.first else { throw ValidationError("--trace FILE is required (docs/simulate.md describes the formats)") }
    let texts = try trace.map { path in
      do {
        return try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw ValidationError("\(path): cannot read the trace (\(error.localizedDescription))")
      }
    }
    let firstLine = texts[0].prefix { $0 != "\n" && $0 != "\r" }
    do {
      if AzureFunctionsTrace.recognises(header: firstLine) {
        var days: [[Int]] = []
        for (path, text) in zip(trace, texts) {
          do {
            days.append(try AzureFunctionsTrace.minuteCounts(text, select: traceApp))
          } catch {
            throw ValidationError("\(path): \(error)")
          }
        }
        return try extended(AzureFunctionsTrace.trace(days: days, seed: seed))
      }
      guard trace.count == 1 else { throw ValidationError("--trace: several files are taken only in the Azure Functions layout") }
      return try extended(RequestTimesCSV.parse(texts[0]))
    } catch let problem as Trace.Problem {
      throw ValidationError("\(first): \(problem)")
    }
  }

  /// The trace lasting `--duration`, within a year.
  func extended(_ trace: Trace) throws -> Trace {
    var trace = trace
    if let duration {
      guard let milliseconds = Durations.milliseconds(duration) else {
        throw ValidationError("--duration \(duration): expected a duration such as 168h or 24h")
      }
      trace.duration = max(trace.duration, Double(milliseconds) / 1000)
    }
    try trace.checkSpan()
    return trace
  }

  func simulationParameters() throws -> SimulationParameters {
    var parameters = SimulationParameters(seed: seed)
    let durations: [(String?, String, WritableKeyPath<SimulationParameters, Double>)] = [
      (podStart, "pod-start", \.podStart), (activationDelay, "activation-delay", \.activationDelay),
      (hpaSyncPeriod, "hpa-sync-period", \.hpaSyncPeriod), (scrapeInterval, "scrape-interval", \.scrapeInterval),
      (serviceTime, "service-time", \.serviceTime), (databaseResume, "database-resume", \.databaseResume),
      (databaseHibernateAfter, "database-hibernate-after", \.databaseHibernateAfter),
    ]
    for case (let text?, let flag, let keyPath) in durations {
      guard let milliseconds = Durations.milliseconds(text) else {
        throw ValidationError("--\(flag) \(text): expected a duration such as 8s, 500ms or 1m")
      }
      parameters[keyPath: keyPath] = Double(milliseconds) / 1000
    }
    // Shorter clocks would only cost time: the controllers' own minimum is a second.
    guard parameters.hpaSyncPeriod >= 1, parameters.scrapeInterval >= 1 else {
      throw ValidationError("--hpa-sync-period and --scrape-interval: at least 1s")
    }
    if let start {
      guard let epoch = RFC3339Time.epochSeconds(start), epoch >= 0 else {
        throw ValidationError("--start \(start): expected an RFC 3339 time from 1970 on, such as 2024-01-01T00:00:00Z")
      }
      parameters.startEpochSeconds = epoch
    }
    return parameters
  }

  func coldBudget() throws -> Double {
    let text = maxCold.hasSuffix("%") ? String(maxCold.dropLast()) : maxCold
    guard let value = Double(text), value >= 0 else {
      throw ValidationError("--max-cold \(maxCold): expected a share of requests such as 1% or 0.01")
    }
    let fraction = maxCold.hasSuffix("%") ? value / 100 : value
    guard fraction <= 1 else { throw ValidationError("--max-cold \(maxCold): at most 100%") }
    return fraction
  }

  func write(_ text: String, to path: String) throws {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw ValidationError("--plot \(path): cannot write (\(error.localizedDescription))")
    }
  }
}
