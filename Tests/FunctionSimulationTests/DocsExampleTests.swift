import Foundation
import FunctionRender
import ServerlessComposition
import Testing

@testable import FunctionSimulation

/// docs/simulate.md's worked example stays true: its two outputs and its two plots are what the
/// current model gives (regenerate them with the page's commands).
struct DocsExampleTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// `simulate`'s defaults.
  static func study() throws -> Study {
    let parameters = SimulationParameters(seed: SimulationParameters.defaultSeed)
    let files = Renderer.Files(xr: root.appendingPathComponent("examples/app/app-scale-to-zero.yaml").path)
    return Study(
      compose: { transform in
        let composed = try Renderer.compose(files, transformXR: transform)
        return ComposedApp(xr: composed.xr, objects: composed.result.resources.mapValues(\.resource))
      }, trace: try RequestTimesCSV.parse(read("examples/traces/office-hours.csv")), parameters: parameters)
  }

  @Test func theSingleRun() throws {
    let study = try Self.study()
    let (outcome, notes) = try study.run()
    let page = try Self.read("docs/simulate.md")
    let text = TextReport.render(outcome, notes: notes)
    #expect(page.contains("```\n\(text)```"), "docs/simulate.md should show:\n\(text)")
    let plot = SVGPlot.timeline(outcome, arrivals: study.trace.arrivals, title: "Simulated app-scale-to-zero.yaml")
    #expect(try Self.read("docs/simulate/office-hours.svg") == plot)
  }

  @Test func theSweep() throws {
    let study = try Self.study()
    let sweep = try Sweep("scaleToZeroAfter=1m,2m,5m,10m,15m,30m,1h")
    let (rows, _) = try study.sweep(sweep)
    let recommended = Recommendation.choose(rows, maxColdFraction: 0.02)
    let text = TextReport.sweep(field: sweep.field, rows, recommended: recommended, maxColdFraction: 0.02)
    #expect(try Self.read("docs/simulate.md").contains("```\n\(text)```"), "docs/simulate.md should show:\n\(text)")
    let plot = SVGPlot.sweep(field: sweep.field, rows, recommended: recommended, maxColdFraction: 0.02)
    #expect(try Self.read("docs/simulate/office-hours-sweep.svg") == plot)
  }
}
