import Foundation
import GRPCNIOTransportHTTP2

/// How the server listens and secures connections, from the Go SDK's flags.
public struct ServerConfiguration: Sendable {
  /// The `tls.crt`, `tls.key` and `ca.crt` Crossplane mounts (at /tls/server in a cluster).
  public struct Credentials: Sendable {
    public var certificate: String
    public var privateKey: String
    public var clientCA: String
  }

  public enum Security: Sendable {
    case insecure
    case mutualTLS(Credentials)
  }

  public var host: String
  public var port: Int
  public var security: Security
  public var maxReceiveMessageBytes: Int
  /// `--health-address`: a plaintext port that serves only the health service; nil for none.
  public var health: (host: String, port: Int)?

  public init(host: String, port: Int, security: Security, maxReceiveMessageBytes: Int, health: (host: String, port: Int)? = nil) {
    self.host = host
    self.port = port
    self.security = security
    self.maxReceiveMessageBytes = maxReceiveMessageBytes
    self.health = health
  }

  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  /// Builds the configuration from the flags, as the function spec requires: transport security
  /// unless `--insecure` (which wins when both are given); with neither, refuse to start.
  public static func fromFlags(
    address: String, tlsCertsDir: String?, insecure: Bool, maxReceiveMessageMB: Int, healthAddress: String = ""
  ) throws(Invalid) -> ServerConfiguration {
    let (host, port) = try parseAddress(address)
    let health = healthAddress.isEmpty ? nil : try parseAddress(healthAddress, flag: "--health-address", example: 8081)
    if let health, health.port == port, port != 0 {
      throw Invalid(
        description: "--health-address \(healthAddress): port \(port) is the function's own (--address); give the health port another")
    }
    guard maxReceiveMessageMB > 0 else {
      throw Invalid(description: "--max-recv-message-size must be a positive number of MB, got \(maxReceiveMessageMB)")
    }
    let security: Security
    if insecure {
      security = .insecure
    } else if let dir = tlsCertsDir, !dir.isEmpty {
      security = .mutualTLS(try credentials(in: dir))
    } else {
      throw Invalid(
        description: "no transport security: pass --tls-certs-dir (or set TLS_SERVER_CERTS_DIR) to a folder holding "
          + "tls.crt, tls.key and ca.crt, or pass --insecure to serve plaintext (local development only)")
    }
    return ServerConfiguration(
      host: host, port: port, security: security, maxReceiveMessageBytes: maxReceiveMessageMB * 1024 * 1024, health: health)
  }

  static func credentials(in dir: String) throws(Invalid) -> Credentials {
    let url = URL(fileURLWithPath: dir)
    let files = ["tls.crt", "tls.key", "ca.crt"].map { url.appendingPathComponent($0).path }
    let missing = files.filter { !FileManager.default.isReadableFile(atPath: $0) }
    guard missing.isEmpty else {
      throw Invalid(description: "--tls-certs-dir \(dir): cannot read \(missing.joined(separator: ", "))")
    }
    return Credentials(certificate: files[0], privateKey: files[1], clientCA: files[2])
  }

  /// `host:port` as Go writes it: `:9443` is every interface, `[::1]:9443` an IPv6 literal.
  public static func parseAddress(_ address: String, flag: String = "--address", example: Int = 9443) throws(Invalid) -> (
    host: String, port: Int
  ) {
    guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port)
    else {
      throw Invalid(description: "\(flag) \(address): expected host:port, e.g. :\(example) or 127.0.0.1:\(example)")
    }
    var host = String(address[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    switch host {
    case "": host = "0.0.0.0"
    case "localhost": host = "127.0.0.1"
    default: break
    }
    return (host, port)
  }

  var socketAddress: GRPCNIOTransportHTTP2.SocketAddress { Self.socketAddress(host: host, port: port) }

  var healthSocketAddress: GRPCNIOTransportHTTP2.SocketAddress? { health.map { Self.socketAddress(host: $0.host, port: $0.port) } }

  static func socketAddress(host: String, port: Int) -> GRPCNIOTransportHTTP2.SocketAddress {
    host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host, port: port)
  }

  var transportSecurity: HTTP2ServerTransport.Posix.TransportSecurity {
    switch security {
    case .insecure:
      return .plaintext
    case .mutualTLS(let credentials):
      // The client certificate is required and verified against ca.crt; the transport sets TLS 1.2
      // as the minimum version.
      return .mTLS(
        certificateChain: [.file(path: credentials.certificate, format: .pem)],
        privateKey: .file(path: credentials.privateKey, format: .pem)
      ) { tls in
        tls.trustRoots = .certificates([.file(path: credentials.clientCA, format: .pem)])
        tls.clientCertificateVerification = .noHostnameVerification
      }
    }
  }
}
