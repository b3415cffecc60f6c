/// The platform apps a team switches on under `spec.parameters.apps.<app>.enabled`, in the order
/// their switches are read.
enum PlatformApp: String, CaseIterable {
  case crossplane
  case openfunction
  case dapr
  case traefik
  case nvidia
  case vllm
  case keda
  case envoyGateway
  case prometheus
  case aiGateway
  case argocd
  case externalSecrets
  case cnpg
  /// On EKS, on by default (`apps.metricsServer.enabled`); AKS and GKE run their own.
  case metricsServer
  /// On EKS, switched by `spec.parameters.nodeAutoscaling.enabled` rather than an `apps` entry.
  case clusterAutoscaler
  /// The Vertical Pod Autoscaler, for Apps' `spec.rightsizing`.
  case vpa

  /// The XRD's default of `apps.<app>.enabled`.
  var isOnByDefault: Bool { self == .metricsServer }
}

/// One platform app of the Cluster: what it reads of `spec.parameters.apps.<app>` and what it composes
/// on the new cluster. Adding an app is a file with a type that conforms, a case in `PlatformApp` and
/// a line in `ClusterApps.all`.
protocol ClusterApp {
  var app: PlatformApp { get }
  /// Reads the app's settings beyond `enabled` into the spec; most apps have none.
  func readSettings(_ fields: FieldReader, into spec: inout ClusterSpec)
  /// Whether the app is composed: when it is switched on, unless it says otherwise.
  func isComposed(in spec: ClusterSpec) -> Bool
  func compose(into builder: inout ClusterBuilder) throws(UserError)
}

extension ClusterApp {
  func readSettings(_ fields: FieldReader, into spec: inout ClusterSpec) {}
  func isComposed(in spec: ClusterSpec) -> Bool { spec.isEnabled(app) }
}

/// Every platform app, in the order they are composed (and their settings read).
enum ClusterApps {
  static var all: [any ClusterApp] {
    SingleChartApp.all + [
      ArgoCD(), ExternalSecrets(), EnvoyGateway(), AIGateway(), KEDA(), Prometheus(), VLLMOperator(), ScaleToZeroMonitoring(),
      MetricsServer(),
      ClusterAutoscaler(),
      VerticalPodAutoscalerApp(),
    ]
  }
}
