/// KEDA and its HTTP add-on: the add-on's interceptor holds requests for Apps scaled to zero and its
/// external scaler wakes them.
enum KEDA {
  static func add(to builder: inout ClusterBuilder) throws(UserError) {
    try builder.release(app: "keda", "keda", namespace: "keda")
    try builder.release(app: "keda", "keda-add-ons-http", namespace: "keda")
  }
}
