import Crypto

/// The uid `crossplane render` gives an XR that has none, so that owner references print the same
/// every run: a name-based UUID (version 5, SHA-1) in the nil namespace over
/// `<group>/<version>, Kind=<kind>` NUL `<namespace>` NUL `<name>` (Go's `GroupVersionKind.String()`;
/// crossplane `internal/render/composite/render.go`).
enum OwnerUID {
  static func derived(apiVersion: String, kind: String, namespace: String, name: String) -> String {
    let groupVersion = apiVersion.contains("/") ? apiVersion : "/\(apiVersion)"
    let seed = "\(groupVersion), Kind=\(kind)\u{0}\(namespace)\u{0}\(name)"
    var bytes = Array(Insecure.SHA1.hash(data: [UInt8](repeating: 0, count: 16) + Array(seed.utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5
    bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
    let hex = bytes.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }
    return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
  }
}
