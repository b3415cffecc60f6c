/// The App XR's spec (`devopstoolkit.live/v1beta1`), read and checked against `examples/app/xrd.yaml`
/// with the XRD's defaults applied the way the API server applies them.
struct AppSpec {
  enum Routing: String {
    case ingress
    case gatewayAPI = "gateway-api"
  }

  struct Scaling {
    var enabled: Bool
    /// nil (or empty in the XR) means scaling on CPU and memory.
    var prometheusAddress: String?
    var requestsPerReplica: Int
  }

  struct Database {
    var secret: String?
    var storeName: String?
    var name: String?
  }

  /// The XR's `metadata.name`; every manifest is named after it.
  var name: String
  /// Where the manifests go: `spec.targetNamespace`, or the XR's own namespace.
  var namespace: String
  var image: String
  var tag: String
  var port: Int
  var host: String
  var routing: Routing
  var ingressClassName: String?
  var providerConfigName: String
  var backendURL: String?
  var database: Database
  var minReplicas: Int
  var maxReplicas: Int
  /// nil when `spec.scaling` is absent (scaling off).
  var scaling: Scaling?

  var scalingEnabled: Bool { scaling?.enabled ?? false }

  /// Scaling on request rate from Envoy through Prometheus (rather than CPU and memory).
  var prometheusAddress: String? { scalingEnabled ? scaling?.prometheusAddress : nil }

  /// Scale to zero behind the gateway: the KEDA HTTP interceptor holds requests while a pod starts.
  var scalesToZeroBehindGateway: Bool { scalingEnabled && minReplicas == 0 && routing == .gatewayAPI && prometheusAddress != nil }

  init(xr: Value) throws(UserError) {
    let metadata = try Fields(xr["metadata"], path: "metadata")
    name = try metadata.requiredString("name")
    try Naming.requireDNSLabel(name, at: "metadata.name")

    let spec = try Fields(xr["spec"] ?? .object([:]), path: "spec")
    image = try spec.requiredString("image")
    tag = try spec.requiredString("tag")
    providerConfigName = try spec.requiredString("providerConfigName")
    try Naming.requireDerivedName(providerConfigName, from: "spec.providerConfigName")
    port = try spec.int("port", default: 80, min: 1, max: 65535)!
    host = try spec.string("host", default: "devopstoolkit.live")!
    routing = Routing(rawValue: try spec.oneOf("routing", ["ingress", "gateway-api"], default: "ingress")!)!
    ingressClassName = try spec.string("ingressClassName", default: "contour")

    // An empty targetNamespace means unset: the XR's own namespace.
    let targetNamespace = try spec.string("targetNamespace")
    if let targetNamespace, !targetNamespace.isEmpty {
      try Naming.requireDNSLabel(targetNamespace, at: "spec.targetNamespace")
      namespace = targetNamespace
    } else {
      guard let xrNamespace = try metadata.string("namespace"), !xrNamespace.isEmpty else {
        throw .field(
          "spec.targetNamespace", expected: "a namespace for the app's resources, because the XR itself has no metadata.namespace",
          got: nil)
      }
      try Naming.requireDNSLabel(xrNamespace, at: "metadata.namespace")
      namespace = xrNamespace
    }

    backendURL = try spec.child("frontend").string("backendUrl")
    let db = try spec.child("db")
    database = Database(secret: try db.string("secret"), storeName: try db.string("storeName"), name: try db.string("name"))

    minReplicas = try spec.int("minReplicas", default: 1, min: 0)!
    maxReplicas = try spec.int("maxReplicas", default: 10, min: 1)!

    let scalingFields = try spec.child("scaling")
    if scalingFields.exists {
      let address = try scalingFields.string(
        "prometheusAddress", default: "http://kube-prometheus-stack-prometheus.prometheus-system:9090")
      scaling = Scaling(
        enabled: try scalingFields.bool("enabled", default: false)!,
        prometheusAddress: address?.isEmpty == false ? address : nil,
        requestsPerReplica: try scalingFields.int("requestsPerReplica", default: 100, min: 1)!)
    }

    try checkCombinations()
  }

  /// Combinations that are valid field by field but cannot work.
  private func checkCombinations() throws(UserError) {
    guard scalingEnabled else { return }
    if minReplicas == 0 && prometheusAddress == nil {
      throw UserError(
        "spec.minReplicas: 0 needs spec.scaling.prometheusAddress: CPU and memory cannot wake an app that runs no pods; "
          + "set spec.scaling.prometheusAddress (or leave it out to get the default) or set spec.minReplicas to 1 or more")
    }
    if minReplicas > maxReplicas {
      throw UserError(
        "spec.minReplicas: \(minReplicas) is above spec.maxReplicas (\(maxReplicas)); set spec.minReplicas <= spec.maxReplicas")
    }
  }
}
