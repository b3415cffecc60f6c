// swift-tools-version:6.1
import PackageDescription

// Module layout, by concern:
//   ServerlessComposition  pure composition logic: XR + input + observed -> desired (no I/O, no protobuf)
//   FunctionRuntime        the RunFunction protocol: generated stubs, Struct <-> Value, the gRPC server
//   FunctionRender         offline `render`: YAML in, what `crossplane render` prints out
//   FunctionSimulation     `simulate`: a request trace replayed through what the App composes (pure)
//   function-serverless    the executable: `serve` (default), `render` and `simulate`
//   function-serverless-benchmarks  speed and memory figures (scripts/bench.sh)
//   function-serverless-fuzz        hostile XRs and request bytes (scripts/fuzz.sh)
//   GoldenCases            the golden cases, as the tests and the fuzzer's seeds find them
let package = Package(
  name: "function-serverless",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "function-serverless", targets: ["FunctionServerlessCLI"]),
    .executable(name: "function-serverless-benchmarks", targets: ["FunctionServerlessBenchmarks"]),
    .executable(name: "function-serverless-fuzz", targets: ["FunctionServerlessFuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
    .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
    .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/ordo-one/malloc-interposer.git", exact: "1.6.1"),
  ],
  targets: [
    .target(name: "ServerlessComposition"),
    .target(
      name: "FunctionRuntime",
      dependencies: [
        "ServerlessComposition",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    .target(
      name: "FunctionRender",
      dependencies: [
        "ServerlessComposition",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(name: "FunctionSimulation", dependencies: ["ServerlessComposition"]),
    .executableTarget(
      name: "FunctionServerlessCLI",
      dependencies: [
        "ServerlessComposition",
        "FunctionRuntime",
        "FunctionRender",
        "FunctionSimulation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "NIOCore", package: "swift-nio"),
      ]
    ),
    .executableTarget(
      name: "FunctionServerlessBenchmarks",
      dependencies: [
        "ServerlessComposition",
        "FunctionRuntime",
        "FunctionRender",
        "FunctionSimulation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
      ]
    ),
    .target(name: "GoldenCases", dependencies: ["ServerlessComposition", "FunctionRender"]),
    .executableTarget(
      name: "FunctionServerlessFuzz",
      dependencies: [
        "ServerlessComposition",
        "FunctionRuntime",
        "FunctionRender",
        "GoldenCases",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]
    ),
    .testTarget(
      name: "ServerlessCompositionTests",
      dependencies: ["ServerlessComposition", "FunctionRender", "GoldenCases"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "FunctionSimulationTests",
      dependencies: ["FunctionSimulation", "FunctionRender", "ServerlessComposition"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "FunctionRuntimeTests",
      dependencies: [
        "FunctionRuntime",
        "FunctionRender",
        "GoldenCases",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
  ]
)
