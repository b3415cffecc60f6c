/// The App XR: a Deployment and Service, routed by an HTTPRoute or an Ingress, scaled by KEDA (on CPU
/// and memory, on Envoy's request rate, or down to zero behind the KEDA HTTP interceptor), each
/// wrapped in a provider-kubernetes Object named `<xr>-<suffix>`. Drop-in for the KCL composition of
/// vfarcic/crossplane-app; `Tests/parity/cases/app-*` pin the output.
enum AppComposition: XRComposition {
  static let kind = "App"
  static let group = "devopstoolkit.live"
  static let servedVersion = "v1beta1"

  static func compose(xr: Value, input: FunctionInput, observed: [String: Value]) throws(UserError) -> Composed {
    let app = try AppSpec(xr: xr)
    var composed = Composed()
    func add(_ suffix: String, _ manifest: Value, watch: Bool = false) throws(UserError) {
      let name = "\(app.name)-\(suffix)"
      try composed.add(
        name, KubernetesObject.make(name: name, manifest: manifest, providerConfig: app.providerConfigName, watch: watch))
    }

    // A hibernating database follows the Deployments and the ScaledObjects, and rollout-aware scaling
    // the Deployments: the provider reports their changes at once (with its watches feature on)
    // rather than at its next poll.
    let hibernates = app.database.cnpg?.hibernate == true
    let revisions = CanaryTraffic.routedRevisions(app, observed: observed)
    var deployments: [String: Value] = [:]
    for revision in revisions {
      let prefix = revision.resourcePrefix
      let deployment = AppWorkload.deployment(app, revision)
      deployments[revision.name] = deployment
      try add("\(prefix)deployment", deployment, watch: hibernates || app.rolloutAwareScaling)
      try add("\(prefix)service", AppWorkload.service(app, revision))
    }
    switch app.routing {
    case .gatewayAPI: try add("httproute", AppRouting.httpRoute(app, revisions))
    case .ingress: try add("ingress", AppRouting.ingress(app))
    case .none: break
    }
    for revision in revisions {
      let prefix = revision.resourcePrefix
      if app.scalingEnabled {
        let pauseScaleIn =
          app.rolloutAwareScaling
          && RolloutAwareScaling.phase(
            observedObject: observed["\(app.name)-\(prefix)deployment"], composing: deployments[revision.name]!
          ).pausesScaleIn
        try add("\(prefix)scaled-object", AppScaling.scaledObject(app, revision, pauseScaleIn: pauseScaleIn), watch: hibernates)
      }
      if app.scalesToZeroBehindGateway {
        try add("\(prefix)http-scaled-object", AppScaling.httpScaledObject(app, revision))
      }
    }
    // One grant lets the route reach the interceptor, for both revisions.
    if app.scalesToZeroBehindGateway {
      try add("reference-grant", AppRouting.interceptorReferenceGrant(app))
    }
    for (name, manifest) in CanaryTraffic.draining(app, observed: observed) {
      try composed.add(name, KubernetesObject.make(name: name, manifest: manifest, providerConfig: app.providerConfigName))
    }
    if let cnpg = app.database.cnpg {
      let hibernation = cnpg.hibernate ? DatabaseHibernation.decide(app, observed: observed) : nil
      try add("database", cnpg.cluster(app, hibernation: hibernation))
      if let hibernation { composed.status["database"] = .string(hibernation.state.rawValue) }
    }
    if let secret = app.database.secret, let store = app.database.storeName {
      try add("external-secret", AppWorkload.externalSecret(app, secret: secret, store: store))
    }

    // An app without a route has no host to report.
    if app.routing != .none { composed.status["host"] = .string(app.host) }
    if app.canary != nil {
      composed.status["revisions"] = .array(
        revisions.map { ["name": .string($0.name), "tag": .string($0.tag), "weight": Value($0.weight)] })
    }
    composed.conditions = AppWarnings.conditions(app)
    return composed
  }

  /// The observed manifest of the Object composed as `<app>-<suffix>`, as provider-kubernetes reports it.
  static func observedManifest(_ suffix: String, of app: AppSpec, in observed: [String: Value]) -> Value? {
    observed["\(app.name)-\(suffix)"]?.lookup("status.atProvider.manifest")
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
