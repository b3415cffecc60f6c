/// What both parts of a Cluster read of the XR first: its name (everything is named after it), its
/// namespace (where the kubeconfig Secret lives; the apps part's) and the cloud, and
/// `spec.parameters`, without which nothing else can be read.
struct ClusterIdentity {
  /// Each nil where its read failed (the problem is in the log).
  var name: String?
  var namespace: String?
  var cloud: Cloud?

  static func read(_ xr: Value, input: FunctionInput, log: ProblemLog, withNamespace: Bool) -> ClusterIdentity {
    let metadata = FieldReader(xr["metadata"], path: "metadata", log: log)
    // Metadata that is not an object is one problem, not also a missing name and namespace.
    let metadataReadable = metadata.exists || xr["metadata"] == nil || xr["metadata"] == .null
    let name = metadataReadable ? metadata.requiredDNSLabel("name") : nil
    let namespace = metadataReadable && withNamespace ? metadata.requiredDNSLabel("namespace") : nil
    return ClusterIdentity(name: name, namespace: namespace, cloud: Cloud.read(input: input, xr: xr, log: log))
  }

  /// `spec.parameters`; throws what is known so far when it is missing, as nothing below can be read.
  static func parameters(_ xr: Value, log: ProblemLog) throws(UserError) -> FieldReader {
    let spec = FieldReader(xr["spec"], path: "spec", log: log)
    let parameters = spec.child("parameters")
    guard parameters.exists else {
      // Missing, rather than not an object (which is recorded as such).
      let specReadable = spec.exists || xr["spec"] == nil || xr["spec"] == .null
      if specReadable && spec.raw("parameters") == nil {
        log.add(.field("spec.parameters", expected: "an object (the field is required)", got: nil))
      }
      throw log.error
    }
    return parameters
  }
}
