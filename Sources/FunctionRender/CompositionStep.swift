import ServerlessComposition

/// The pipeline step of a Composition that runs this function: its name (which Fatal messages name,
/// as Crossplane does) and its input.
struct CompositionStep {
  /// The name this function usually has in Compositions' `functionRef`.
  static let defaultFunctionName = "function-serverless"

  var name: String
  var input: Value?

  /// Without a Composition there is no step name; Crossplane's would be the Composition's.
  static let standalone = CompositionStep(name: defaultFunctionName, input: nil)

  /// Finds the step: the one whose `functionRef.name` is `functionName` when given; otherwise the one
  /// whose input is this function's `Input`, else the one named `function-serverless`, else the only
  /// step. Anything else is ambiguous and says how to choose.
  static func find(in composition: Value, path: String, functionName: String?) throws -> CompositionStep {
    let steps = composition.lookup("spec.pipeline")?.arrayValue ?? []
    func function(_ step: Value) -> String? { step.lookup("functionRef.name")?.stringValue }
    let chosen: Value?
    if let functionName {
      chosen = steps.first { function($0) == functionName }
    } else {
      chosen =
        steps.first { $0.lookup("input.apiVersion")?.stringValue == Composer.inputAPIVersion }
        ?? steps.first { function($0) == defaultFunctionName }
        ?? (steps.count == 1 ? steps.first : nil)
    }
    guard let step = chosen else {
      let listed = steps.map { "\($0["step"]?.stringValue ?? "?") (\(function($0) ?? "no functionRef"))" }
      let which = functionName.map { "no step has functionRef.name \($0)" } ?? "cannot tell which step runs this function"
      throw Renderer.Fatal(
        description: "\(path): spec.pipeline: \(which); its steps are \(listed.isEmpty ? "none" : listed.joined(separator: ", ")); "
          + "pass --function-name with the step's functionRef.name")
    }
    return CompositionStep(name: step["step"]?.stringValue ?? function(step) ?? defaultFunctionName, input: step["input"])
  }
}
