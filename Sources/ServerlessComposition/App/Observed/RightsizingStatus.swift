/// `status.rightsizing`: what the stable revision's VPA recommends for the app's container (its
/// `target` and the `lowerBound`/`upperBound` around it, from `status.recommendation`), beside the
/// requests the App composes, and the VPA's state:
///
/// | observed VPA | state | recommendation |
/// |---|---|---|
/// | not observed, or not an object | the last one | the last one |
/// | `NoPodsMatched` True (the app at zero) | `NoPods` | the VPA's (it keeps recommending from up to 8 days of usage), else the last one |
/// | a recommendation for the container | `Recommending` | it |
/// | none otherwise (a new VPA gathering usage) | `Collecting` | the last one |
enum RightsizingStatus {
  static func field(_ app: AppSpec, observed: AppObservation, last: Value?) -> Value? {
    guard app.rightsizing != nil else { return nil }
    var status: Value = ["requests": requests(app)]
    let lastRecommendation = last?["recommendation"]
    guard let vpa = observed.live(.verticalPodAutoscaler), case .object = vpa else {
      if let state = last?["state"] { status["state"] = state }
      if let lastRecommendation { status["recommendation"] = lastRecommendation }
      return status
    }
    let recommendations = vpa.lookup("status.recommendation.containerRecommendations")?.arrayValue ?? []
    let mine = recommendations.first { $0["containerName"]?.stringValue == AppWorkload.containerName }
    var recommendation: Value?
    if let mine, case .object = mine["target"] ?? .null {
      var fields: Value = [:]
      for key in ["target", "lowerBound", "upperBound"] {
        if let value = mine[key], case .object = value { fields[key] = value }
      }
      recommendation = fields
    }
    let noPods = (vpa.lookup("status.conditions")?.arrayValue ?? []).contains {
      $0["type"] == "NoPodsMatched" && $0["status"] == "True"
    }
    status["state"] = noPods ? "NoPods" : recommendation != nil ? "Recommending" : "Collecting"
    if let recommendation = recommendation ?? lastRecommendation { status["recommendation"] = recommendation }
    return status
  }

  /// The container's requests as composed (the API server copies a limit into a missing request).
  static func requests(_ app: AppSpec) -> Value {
    .object(
      JSONObject(
        uniqueKeysWithValues: Rightsizing.allResources.compactMap { name in
          app.container.resources.effectiveRequest(name).map { (name, Value.string($0.text)) }
        }))
  }
}
