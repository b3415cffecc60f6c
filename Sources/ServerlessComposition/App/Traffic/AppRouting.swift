/// How traffic reaches the app: an HTTPRoute on the Envoy Gateway `eg`, or an Ingress.
enum AppRouting {
  /// The KEDA HTTP add-on's interceptor: it holds requests while a scaled-to-zero app starts.
  static let interceptorService = "keda-add-ons-http-interceptor-proxy"
  static let interceptorNamespace = "keda"
  static let interceptorPort = 8080

  /// The path the App asks for: the interceptor for one that scales to zero behind the gateway.
  static func servingPath(_ app: AppSpec) -> ServingPath { app.scalesToZeroBehindGateway ? .interceptor : .service }

  /// - Parameters:
  ///   - revisions: the revisions with the weights they get now (`CanaryTraffic`).
  ///   - path: where the route sends them; the App's own unless a switch holds it (`RouteSwitch`).
  static func httpRoute(_ app: AppSpec, _ revisions: [Revision], path: ServingPath) -> Value {
    var rule: Value = [
      "backendRefs": .array(revisions.map { backendRef(app, $0, path: path) }),
      "matches": [["path": ["type": "PathPrefix", "value": "/"]]],
    ]
    if path == .interceptor { rule["timeouts"] = ["request": .string(Durations.text(requestTimeout(app)))] }
    return [
      "apiVersion": "gateway.networking.k8s.io/v1",
      "kind": "HTTPRoute",
      "metadata": AppComposition.metadata(app),
      "spec": [
        "hostnames": [.string(app.host)],
        "parentRefs": [["name": "eg", "namespace": "envoy-gateway-system"]],
        "rules": [rule],
      ],
    ]
  }

  /// Where a revision's share of the requests goes: its Service, or for an app at zero the interceptor,
  /// told by the revision header which HTTPScaledObject (and so which revision) the request is for.
  /// With one revision the reference is the KCL's, without weight or filter.
  static func backendRef(_ app: AppSpec, _ revision: Revision, path: ServingPath) -> Value {
    var backend: Value =
      path == .interceptor
      ? ["name": .string(interceptorService), "namespace": .string(interceptorNamespace), "port": Value(interceptorPort)]
      : ["name": .string(revision.name), "port": Value(app.port)]
    guard app.canary != nil else { return backend }
    backend["weight"] = Value(revision.weight)
    if path == .interceptor {
      backend["filters"] = [
        [
          "type": "RequestHeaderModifier",
          "requestHeaderModifier": ["set": [["name": .string(Revision.header), "value": .string(revision.role.rawValue)]]],
        ]
      ]
    }
    return backend
  }

  /// Envoy's own time for an answer, which it also gives a route without a timeout.
  static let envoyResponseTime = 15

  /// Seconds the gateway waits for an answer through the interceptor: its longest hold (the
  /// cold-start wait, or with a fallback the fallback's delay; the default wait for an App whose route
  /// a switch holds there), plus the time Envoy gives any answer. Envoy's 15 s default alone would cut
  /// a request the interceptor still holds (a lost request).
  static func requestTimeout(_ app: AppSpec) -> Int {
    (app.scaling?.interceptorWait ?? ScalingSpec.defaultColdStartTimeout) + envoyResponseTime
  }

  static func ingress(_ app: AppSpec) -> Value {
    var spec: Value = [
      "rules": [
        [
          "host": .string(app.host),
          "http": [
            "paths": [
              [
                "path": "/",
                "pathType": "ImplementationSpecific",
                "backend": ["service": ["name": .string(app.name), "port": ["number": Value(app.port)]]],
              ]
            ]
          ],
        ]
      ]
    ]
    if let ingressClassName = app.ingressClassName, !ingressClassName.isEmpty {
      spec["ingressClassName"] = .string(ingressClassName)
    }
    return [
      "apiVersion": "networking.k8s.io/v1",
      "kind": "Ingress",
      "metadata": AppComposition.metadata(app, annotations: ["ingress.kubernetes.io/ssl-redirect": "false"]),
      "spec": spec,
    ]
  }

  /// Lets the app's HTTPRoute (in the app's namespace) send traffic to the interceptor Service in `keda`.
  static func interceptorReferenceGrant(_ app: AppSpec) -> Value {
    [
      "apiVersion": "gateway.networking.k8s.io/v1beta1",
      "kind": "ReferenceGrant",
      "metadata": [
        "name": .string(app.names.interceptorReferenceGrant(namespace: app.namespace)), "namespace": .string(interceptorNamespace),
      ],
      "spec": [
        "from": [["group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "namespace": .string(app.namespace)]],
        "to": [["group": "", "kind": "Service", "name": .string(interceptorService)]],
      ],
    ]
  }
}
