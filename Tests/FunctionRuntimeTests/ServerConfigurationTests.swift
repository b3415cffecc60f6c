import FunctionRuntime
import Testing

struct ServerConfigurationTests {
  @Test func refusesToStartWithoutCredentialsOrInsecure() {
    #expect(throws: ServerConfiguration.Invalid.self) {
      try ServerConfiguration.fromFlags(address: ":9443", tlsCertsDir: nil, insecure: false, maxReceiveMessageMB: 4)
    }
  }

  @Test func insecureWinsOverCertificates() throws {
    let configuration = try ServerConfiguration.fromFlags(
      address: ":9443", tlsCertsDir: "/does/not/matter", insecure: true, maxReceiveMessageMB: 4)
    guard case .insecure = configuration.security else {
      Issue.record("expected insecure")
      return
    }
    #expect(configuration.host == "0.0.0.0" && configuration.port == 9443)
    #expect(configuration.maxReceiveMessageBytes == 4 * 1024 * 1024)
  }

  @Test func missingCertificateFilesAreNamed() {
    do {
      _ = try ServerConfiguration.fromFlags(address: ":9443", tlsCertsDir: "/nonexistent", insecure: false, maxReceiveMessageMB: 4)
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("/nonexistent/tls.crt"))
    }
  }

  @Test(arguments: ["9443", "host:", "localhost:99999"])
  func rejectsBadAddresses(_ address: String) {
    #expect(throws: ServerConfiguration.Invalid.self) {
      try ServerConfiguration.fromFlags(address: address, tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4)
    }
  }

  @Test func parsesAddresses() throws {
    let v6 = try ServerConfiguration.fromFlags(address: "[::1]:9443", tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4)
    #expect(v6.host == "::1")
    let local = try ServerConfiguration.fromFlags(address: "localhost:8443", tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4)
    #expect(local.host == "127.0.0.1" && local.port == 8443)
  }

  @Test func healthPortIsOffByDefaultAndParsedWhenGiven() throws {
    let off = try ServerConfiguration.fromFlags(address: ":9443", tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4)
    #expect(off.health == nil)
    let on = try ServerConfiguration.fromFlags(
      address: ":9443", tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4, healthAddress: ":8081")
    #expect(on.health?.host == "0.0.0.0" && on.health?.port == 8081)
    do {
      _ = try ServerConfiguration.fromFlags(
        address: ":9443", tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4, healthAddress: "8081")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("--health-address 8081"))
    }
    #expect(throws: ServerConfiguration.Invalid.self) {
      try ServerConfiguration.fromFlags(address: ":9443", tlsCertsDir: nil, insecure: true, maxReceiveMessageMB: 4, healthAddress: ":9443")
    }
  }
}
