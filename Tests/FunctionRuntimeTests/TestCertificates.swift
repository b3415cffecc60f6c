import Foundation

/// Certificates made with openssl for the mTLS tests: a CA that signs the server's and a client's
/// certificate (the layout Crossplane mounts), and a second, foreign CA with a client of its own.
struct TestCertificates {
  let dir: URL
  var serverDir: String { dir.appendingPathComponent("server").path }
  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  static func make() throws -> TestCertificates {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fn-serverless-certs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("server"), withIntermediateDirectories: true)
    let script = """
      set -e
      key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
      ca() {
        key "$1.key"
        openssl req -x509 -new -key "$1.key" -out "$1.crt" -days 2 -subj "/CN=$1" \\
          -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
      }
      leaf() { # name ca usage san
        key "$1.key"
        openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$1"
        printf "basicConstraints=CA:FALSE\\nextendedKeyUsage=$3\\nsubjectAltName=$4\\n" > "$1.ext"
        openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -out "$1.crt" -days 2 -extfile "$1.ext" 2>/dev/null
      }
      ca crossplane-ca
      ca foreign-ca
      leaf server crossplane-ca serverAuth DNS:localhost,IP:127.0.0.1
      leaf client crossplane-ca clientAuth DNS:crossplane
      leaf foreign-client foreign-ca clientAuth DNS:intruder
      cp server.crt server/tls.crt; cp server.key server/tls.key; cp crossplane-ca.crt server/ca.crt
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = dir
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl failed making test certificates"])
    }
    return TestCertificates(dir: dir)
  }

  func remove() {
    try? FileManager.default.removeItem(at: dir)
  }
}
