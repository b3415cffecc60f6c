/// Rules across the container's fields and the rest of the App.
extension AppSpec {
  func validateContainer(_ log: ProblemLog) {
    EnvironmentVariables.validate(self, log)
    let resources = container.resources
    for (name, limit) in resources.limits ?? [] {
      guard let request = resources.requests?.first(where: { $0.0 == name })?.1, limit.value < request.value else { continue }
      log.add(
        UserError(
          "spec.resources.limits.\(name): \(limit.text) is below spec.resources.requests.\(name) (\(request.text)); the API "
            + "server refuses a limit below its request: raise the limit or lower the request", path: "spec.resources.limits.\(name)"))
    }
    // KEDA's cpu and memory triggers scale on utilisation, a share of the request: without one the
    // HPA has nothing to divide by and never scales.
    if scalingEnabled && prometheusAddress == nil {
      for name in ["cpu", "memory"] where resources.effectiveRequest(name) == nil {
        log.add(
          UserError(
            "spec.resources.requests.\(name): the app scales on CPU and memory utilisation (spec.scaling without a "
              + "spec.scaling.prometheusAddress), a share of each pod's request, and spec.resources sets no \(name) request or "
              + "limit; set spec.resources.requests.\(name)", path: "spec.resources.requests.\(name)"))
      }
    }
  }
}
