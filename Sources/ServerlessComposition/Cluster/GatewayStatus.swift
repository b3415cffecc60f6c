/// `status.gateway`: where the Gateway `eg` every App's HTTPRoute attaches to answers, and whether
/// Envoy Gateway has programmed it, read from its observed Object (the live Gateway's `status`,
/// Gateway API `GatewayStatus`): an App's `host` can then be set without kubectl (`<app>.<address>.nip.io`).
/// Missing or partial observations keep the last values: an address does not go away for one
/// reconcile.
enum GatewayStatus {
  /// The Gateway's composition resource name.
  static func key(xr: String) -> String { "\(xr)-app-envoy-gateway" }

  /// `address`: the first of the Gateway's `status.addresses` (an IP, or a hostname on AWS's load
  /// balancers); `ready`: its `Programmed` condition is True.
  static func status(observed: Value?, last: Value?) -> Value? {
    guard let live = observed?.lookup("status.atProvider.manifest.status") else { return last }
    var status: Value = [:]
    let address = live["addresses"]?.arrayValue?.first?["value"]?.stringValue
    if let address = address ?? last?["address"]?.stringValue, !address.isEmpty { status["address"] = .string(address) }
    let programmed = live["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Programmed" }
    status["ready"] = .bool(programmed?["status"]?.stringValue == "True")
    return status
  }
}
