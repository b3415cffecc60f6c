import Foundation
import FunctionRuntime
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import Logging
import ServerlessComposition
import Testing

/// Real gRPC over loopback: the server as `serve` runs it, a client of the generated stubs.
@Suite(.serialized)
struct EndToEndTests {
  typealias Service = Apiextensions_Fn_Proto_V1_FunctionRunnerService

  /// Runs a server on an ephemeral port for the duration of `body`.
  func withServer(
    security: ServerConfiguration.Security, maxReceiveMessageBytes: Int = 4 << 20, _ body: (Int) async throws -> Void
  ) async throws {
    let configuration = ServerConfiguration(
      host: "127.0.0.1", port: 0, security: security, maxReceiveMessageBytes: maxReceiveMessageBytes)
    let server = FunctionServer(
      configuration: configuration, runner: FunctionRunner(), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    let serving = Task { try await server.run() }
    defer { serving.cancel() }
    let port = try await server.listeningAddress.ipv4!.port
    try await body(port)
  }

  func call(
    port: Int, security: HTTP2ClientTransport.Posix.TransportSecurity, method: MethodDescriptor = Service.Method.RunFunction.descriptor,
    request: RunFunctionRequest = Fixtures.request()
  ) async throws -> RunFunctionResponse {
    try await withGRPCClient(
      transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: security)
    ) { client in
      var options = CallOptions.defaults
      options.timeout = .seconds(10)
      return try await client.unary(
        request: ClientRequest(message: request), descriptor: method,
        serializer: ProtobufSerializer<RunFunctionRequest>(), deserializer: ProtobufDeserializer<RunFunctionResponse>(),
        options: options
      ) { try $0.message }
    }
  }

  @Test func insecureServesV1AndV1beta1() async throws {
    try await withServer(security: .insecure) { port in
      for method in [Service.Method.RunFunction.descriptor, FunctionService.v1beta1Method] {
        let response = try await call(
          port: port, security: .plaintext, method: method, request: Fixtures.request(tag: "t-\(method.service)"))
        #expect(response.meta.tag == "t-\(method.service)")
        #expect(response.desired.resources.count == 3)
      }
    }
  }

  @Test func userErrorIsAFatalResultNotAGRPCError() async throws {
    var xr = Fixtures.app
    xr["kind"] = "Bucket"
    try await withServer(security: .insecure) { port in
      let response = try await call(port: port, security: .plaintext, request: Fixtures.request(xr: xr))
      #expect(response.results.first?.severity == .fatal)
    }
  }

  /// As grpc-go does: RESOURCE_EXHAUSTED naming the flag, and the server keeps serving.
  @Test func requestAboveTheLimitIsRefusedAndServerKeepsServing() async throws {
    var big = Fixtures.request()
    big.input = Fixtures.json(["padding": .string(String(repeating: "x", count: 2 << 20))]).protoStruct
    try await withServer(security: .insecure, maxReceiveMessageBytes: 1 << 20) { port in
      let error = await #expect(throws: RPCError.self) {
        _ = try await call(port: port, security: .plaintext, request: big)
      }
      #expect(error?.code == .resourceExhausted)
      #expect(error?.message.contains("--max-recv-message-size") == true)
      let afterwards = try await call(port: port, security: .plaintext)
      #expect(afterwards.desired.resources.count == 3)
    }
  }

  @Suite(.serialized) struct MutualTLS {
    let outer = EndToEndTests()

    func clientSecurity(_ certs: TestCertificates, cert: String?) -> HTTP2ClientTransport.Posix.TransportSecurity {
      let trust: TLSConfig.TrustRootsSource = .certificates([.file(path: certs.path("crossplane-ca.crt"), format: .pem)])
      guard let cert else {
        return .tls { $0.trustRoots = trust }
      }
      return .mTLS(
        certificateChain: [.file(path: certs.path("\(cert).crt"), format: .pem)],
        privateKey: .file(path: certs.path("\(cert).key"), format: .pem)
      ) { $0.trustRoots = trust }
    }

    func withTLSServer(_ body: (Int, TestCertificates) async throws -> Void) async throws {
      let certs = try TestCertificates.make()
      defer { certs.remove() }
      let configuration = try ServerConfiguration.fromFlags(
        address: "127.0.0.1:0", tlsCertsDir: certs.serverDir, insecure: false, maxReceiveMessageMB: 4)
      try await outer.withServer(security: configuration.security) { port in try await body(port, certs) }
    }

    @Test func servesAClientSignedByTheCA() async throws {
      try await withTLSServer { port, certs in
        let response = try await outer.call(port: port, security: clientSecurity(certs, cert: "client"))
        #expect(response.meta.tag == "tag-1")
      }
    }

    @Test func refusesPlaintextNoCertificateAndForeignCA() async throws {
      try await withTLSServer { port, certs in
        for security in [.plaintext, clientSecurity(certs, cert: nil), clientSecurity(certs, cert: "foreign-client")] {
          await #expect(throws: RPCError.self) {
            _ = try await outer.call(port: port, security: security)
          }
        }
        // The server is still serving its real client.
        let afterwards = try await outer.call(port: port, security: clientSecurity(certs, cert: "client"))
        #expect(afterwards.meta.tag == "tag-1")
      }
    }
  }
}
