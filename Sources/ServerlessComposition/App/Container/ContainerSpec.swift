/// What the App sets on its container and pod beyond the image: the shapes of a Kubernetes container
/// spec that a real service needs (`spec.env`, `spec.envFrom`, `spec.files`, `spec.command`,
/// `spec.args`, `spec.imagePullSecrets`, `spec.resources`, `spec.probes`, `spec.securityContext`).
/// Every field is opt-in: an App that sets none gets the container it got before. Read in
/// `ContainerSpecReading.swift`; composed by the files beside this one; docs/app.md ("The container").
struct ContainerSpec {
  /// `spec.env`: variables after the function's own (the database's and `BACKEND_URL`), so that a
  /// value may refer to those as `$(DB_HOST)`.
  var env: [EnvVar] = []
  /// `spec.envFrom`: every key of a ConfigMap or Secret as a variable.
  var envFrom: [EnvSource] = []
  /// `spec.files`: ConfigMaps, Secrets and scratch space mounted into the container.
  var files: [MountedFile] = []
  /// `spec.command` and `spec.args`: nil keeps the image's entrypoint and command.
  var command: [String]?
  var args: [String]?
  /// `spec.imagePullSecrets`: Secrets in the target namespace that the kubelet pulls the image with.
  var imagePullSecrets: [String] = []
  var resources = Resources()
  var probes = Probes()
  /// `spec.securityContext: restricted`: a pod that passes the restricted Pod Security Standard.
  var restricted = false
}

/// One entry of `spec.env`.
struct EnvVar {
  enum Source {
    case value(String)
    case secretKey(name: String, key: String, optional: Bool?)
    case configMapKey(name: String, key: String, optional: Bool?)
  }

  var name: String
  var source: Source
}

/// One entry of `spec.envFrom`.
struct EnvSource {
  enum Kind: String {
    case secret = "secretRef"
    case configMap = "configMapRef"
  }

  var kind: Kind
  var name: String
  var prefix: String?
  var optional: Bool?
}

/// One entry of `spec.files`: what is mounted at `path`.
struct MountedFile {
  enum Source {
    /// Every key of the ConfigMap as a file, read-only.
    case configMap(String)
    /// Every key of the Secret as a file, read-only.
    case secret(String)
    /// Empty, writable space that lives as long as the pod; `sizeLimit` a quantity, `memory` in RAM.
    case emptyDir(sizeLimit: Quantity?, memory: Bool)
  }

  var path: String
  var source: Source
}

/// `spec.resources`: what the scheduler reserves (`requests`) and the kubelet enforces (`limits`),
/// and GPUs.
struct Resources {
  /// The resource names an App may request and limit.
  static let names = ["cpu", "memory", "ephemeral-storage"]
  /// What every App got before `spec.resources` existed, still the default when it sets neither
  /// `requests` nor `limits`.
  static let defaultRequests = [("cpu", Quantity(text: "125m", nano: 125_000_000)), ("memory", mebibytes(128))]
  static let defaultLimits = [("cpu", Quantity(text: "250m", nano: 250_000_000)), ("memory", mebibytes(256))]
  /// The resources counted in bytes, which must be whole.
  static let byteResources: Set = ["memory", "ephemeral-storage"]

  private static func mebibytes(_ count: Int128) -> Quantity { Quantity(text: "\(count)Mi", nano: (count << 20) * Quantity.perUnit) }

  /// In `names` order; nil when the App sets neither requests nor limits (the defaults apply).
  var requests: [(String, Quantity)]?
  var limits: [(String, Quantity)]?
  /// NVIDIA GPUs per pod (`nvidia.com/gpu`), which also place the pod on the Cluster's GPU nodes.
  var gpu: Int?

  var isSet: Bool { requests != nil || limits != nil }
}

/// `spec.probes`: how the kubelet tells that the container is ready, alive and started.
struct Probes {
  var readiness: Probe?
  var liveness: Probe?
  var startup: Probe?
}

/// One probe as the App sets it; a field left nil is the default (`ProbeDefaults`).
struct Probe {
  enum Check: Equatable {
    case httpGet(path: String)
    case tcp
  }

  var check: Check?
  var port: Int?
  var periodSeconds: Int?
  var timeoutSeconds: Int?
  var failureThreshold: Int?
  var initialDelaySeconds: Int?
}
