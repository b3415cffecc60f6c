/// The App XR: a Deployment and Service, routed by an HTTPRoute or an Ingress, scaled by KEDA (on CPU
/// and memory, on Envoy's request rate, or down to zero behind the KEDA HTTP interceptor), each
/// wrapped in a provider-kubernetes Object named `<xr>-<suffix>`. Drop-in for the KCL composition of
/// vfarcic/crossplane-app; `Tests/parity/cases/app-*` pin the output.
enum AppComposition: XRComposition {
  static let kind = "App"
  static let group = "devopstoolkit.live"
  static let servedVersion = "v1beta1"

  static func compose(_ context: CompositionContext) throws(UserError) -> Composed {
    let app = try AppSpec(xr: context.xr)
    let names = app.names
    let observed = AppObservation(context.observed, names: names)
    var composed = Composed()
    func add(_ name: String, _ manifest: Value, watch: Bool = false) throws(UserError) {
      try composed.add(
        name, KubernetesObject.make(name: name, manifest: manifest, providerConfig: app.providerConfigName, watch: watch))
    }

    // A hibernating database follows the Deployments and the ScaledObjects, and rollout-aware scaling
    // the Deployments: the provider reports their changes at once (with its watches feature on)
    // rather than at its next poll.
    let hibernates = app.database.cnpg?.hibernate == true
    let revisions = CanaryTraffic.routedRevisions(app, observed: observed)
    let routeSwitch = RouteSwitch.decide(app, observed: observed)
    // The canary's share, and a route held on the interceptor, wait for an available pod.
    let watchDeployments = hibernates || app.rolloutAwareScaling || app.canary != nil || routeSwitch.isPending
    var deployments: [Revision.Role: Value] = [:]
    for revision in revisions {
      let deployment = AppWorkload.deployment(app, revision)
      deployments[revision.role] = deployment
      try add(names.resource(.deployment, of: revision.role), deployment, watch: watchDeployments)
      try add(names.resource(.service, of: revision.role), AppWorkload.service(app, revision))
    }
    switch app.routing {
    case .gatewayAPI:
      let route =
        routeSwitch.heldRoute ?? AppRouting.httpRoute(app, revisions, path: routeSwitch.heldPath ?? AppRouting.servingPath(app))
      try add(names.resource(.httpRoute), route)
    case .ingress: try add(names.resource(.ingress), AppRouting.ingress(app))
    case .none: break
    }
    for revision in revisions {
      if app.scalingEnabled, let deployment = deployments[revision.role] {
        let pauseScaleIn = RolloutScaleInPause.annotationValue(
          app, deployment: deployment, observedDeployment: observed.object(.deployment, of: revision.role),
          observedScaledObject: observed.object(.scaledObject, of: revision.role))
        try add(
          names.resource(.scaledObject, of: revision.role),
          KEDAObjects.scaledObject(app, revision, pauseScaleIn: pauseScaleIn, keepsAPod: routeSwitch.keepsAPod),
          watch: hibernates)
      }
      if app.scalesToZeroBehindGateway {
        try add(
          names.resource(.httpScaledObject, of: revision.role), KEDAObjects.httpScaledObject(app, revision),
          watch: routeSwitch.isPending)
      }
    }
    if let rightsizing = app.rightsizing {
      for revision in revisions {
        try add(names.resource(.verticalPodAutoscaler, of: revision.role), VerticalPodAutoscaler.manifest(app, revision, rightsizing))
      }
    }
    for (key, manifest) in TriggerAuthentications.composed(app) {
      try add(key, manifest)
    }
    // One grant lets the route reach the interceptor, for both revisions.
    if app.scalesToZeroBehindGateway {
      try add(names.resource(.referenceGrant), AppRouting.interceptorReferenceGrant(app), watch: routeSwitch.isPending)
    }
    for (name, manifest) in CanaryTraffic.draining(app, observed: observed) {
      try add(name, manifest)
    }
    for (name, manifest) in routeSwitch.kept where !composed.contains(name) {
      try add(name, manifest)
    }
    if let cnpg = app.database.cnpg {
      let hibernation = cnpg.hibernate ? DatabaseHibernation.decide(app, observed: observed) : nil
      try add(names.resource(.database), cnpg.cluster(app, hibernation: hibernation))
      if let hibernation { composed.status["database"] = .string(hibernation.state.rawValue) }
    }
    if let secret = app.database.secret, let store = app.database.storeName {
      try add(names.resource(.externalSecret), AppWorkload.externalSecret(app, secret: secret, store: store))
    }

    if let metrics = app.metrics {
      try add(names.resource(.podMonitor), AppMonitoring.podMonitor(app, metrics))
    }
    if let alerts = AppMonitoring.alertRule(app) {
      try add(names.resource(.alerts), alerts)
    }

    // An app without a route has no host to report.
    if app.routing != .none { composed.status["host"] = .string(app.host) }
    if app.canary != nil {
      composed.status["revisions"] = .array(
        revisions.map { ["name": .string($0.name), "tag": .string($0.tag), "weight": Value($0.weight)] })
    }
    composed.status.merge(AppStatus.fields(app, revisions: revisions, observed: observed, last: context.xr["status"])) { _, observed in
      observed
    }
    if let rightsizing = RightsizingStatus.field(app, observed: observed, last: context.xr["status"]?["rightsizing"]) {
      composed.status["rightsizing"] = rightsizing
    }
    let neighbours = AppNeighbours(app, composed: composed, context: context)
    composed.conditions = AppWarnings.conditions(app, wakeWith: neighbours.wakeWith?.warning) + [neighbours.collisions.condition]
    composed.requirements = neighbours.requirements
    return composed
  }

  /// Labels every manifest carries.
  static func labels(_ app: AppSpec) -> Value {
    ["app.kubernetes.io/name": .string(app.name)]
  }

  /// `metadata` of a manifest named after the app in its target namespace.
  static func metadata(_ app: AppSpec, annotations: Value? = nil) -> Value {
    var metadata: Value = ["name": .string(app.name), "namespace": .string(app.namespace), "labels": labels(app)]
    if let annotations { metadata["annotations"] = annotations }
    return metadata
  }

  /// `metadata` of a manifest named after one revision (the stable one's is the app's).
  static func metadata(_ app: AppSpec, _ revision: Revision, annotations: Value? = nil) -> Value {
    var metadata: Value = ["name": .string(revision.name), "namespace": .string(app.namespace), "labels": revision.labels]
    if let annotations { metadata["annotations"] = annotations }
    return metadata
  }
}
