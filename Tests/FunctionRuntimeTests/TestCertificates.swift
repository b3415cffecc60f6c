import Foundation

/// Certificates made with openssl for the mTLS tests: a CA that signs the server's and a client's
/// certificate (the layout Crossplane mounts), and a second, foreign CA with a client of its own.
struct TestCertificates {
  /// Shared with Tests/binary/check-binary.py.
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../support/make-test-certificates.sh").standardized

  let dir: URL
  var serverDir: String { dir.appendingPathComponent("server").path }
  func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  static func make() throws -> TestCertificates {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fn-serverless-certs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [script.path, dir.path]
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
