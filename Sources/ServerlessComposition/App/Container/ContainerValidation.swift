/// Rules across the container's fields and the rest of the App.
extension AppSpec {
  func validateContainer(_ log: ProblemLog) {
    // A GPU server sized by the defaults (256Mi) would be OOM-killed loading its model.
    log.require(
      container.resources.gpu == nil || container.resources.isSet,
      UserError(
        "spec.resources.gpu: a GPU App keeps the default limits (cpu 250m, memory 256Mi) unless spec.resources sets requests "
          + "or limits, far too little for a model server; set spec.resources.requests and spec.resources.limits.memory",
        path: "spec.resources.gpu"))
    EnvironmentVariables.validate(self, log)
    let resources = container.resources
    // KEDA's cpu and memory triggers scale on utilisation, a share of the request: without one the
    // HPA has nothing to divide by and never scales.
    // KEDA's webhook refuses the same (`verifyCPUMemoryScalers`).
    if scalingEnabled, let scaling {
      let targets = scaling.resourceTargets(scalesOnRequestRate: prometheusAddress != nil).map(\.resource)
      for name in targets where (resources.effectiveRequest(name)?.nano ?? 0) == 0 {
        log.add(
          UserError(
            "spec.resources.requests.\(name): the app scales on \(name) utilisation (spec.scaling.\(name), on by default "
              + "without a spec.scaling.prometheusAddress), a share of each pod's request, and spec.resources sets no \(name) "
              + "request or limit above 0; set spec.resources.requests.\(name), or spec.scaling.\(name).enabled: false",
            path: "spec.resources.requests.\(name)"))
      }
    }
  }
}
