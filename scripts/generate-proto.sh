#!/usr/bin/env bash
# Regenerates the Swift messages and gRPC stubs for Crossplane's RunFunction protocol from
# ../shared/proto (the upstream run_function.proto, unedited). Run it when that file changes and
# commit the output: the normal build and CI never need protoc.
#
# Needs protoc (Debian: apt-get install protobuf-compiler) and the two plugins built from the same
# package versions as Package.swift pins (swift-protobuf 1.39.0, grpc-swift-protobuf 2.4.1). The
# plugins are built once into $PLUGIN_DIR (default /tmp/function-serverless-protoc-plugins); that
# first build takes several minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
proto_root=${PROTO_ROOT:-$root/../shared/proto}
out=$root/Sources/FunctionRuntime/Generated
plugins=${PLUGIN_DIR:-/tmp/function-serverless-protoc-plugins}

command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }

if [ ! -x "$plugins/bin/protoc-gen-grpc-swift-2" ] || [ ! -x "$plugins/bin/protoc-gen-swift" ]; then
  mkdir -p "$plugins"
  [ -d "$plugins/grpc-swift-protobuf" ] ||
    git clone --quiet --branch 2.4.1 https://github.com/grpc/grpc-swift-protobuf.git "$plugins/grpc-swift-protobuf"
  # Building protoc-gen-grpc-swift-2 resolves swift-protobuf at the version grpc-swift-protobuf pins.
  (cd "$plugins/grpc-swift-protobuf" &&
    swift build --product protoc-gen-grpc-swift-2 &&
    swift build --product protoc-gen-swift)
  bin=$(cd "$plugins/grpc-swift-protobuf" && swift build --show-bin-path)
  mkdir -p "$plugins/bin"
  cp "$bin/protoc-gen-grpc-swift-2" "$bin/protoc-gen-swift" "$plugins/bin/"
fi

mkdir -p "$out"
protoc \
  --proto_path="$proto_root" \
  --plugin=protoc-gen-swift="$plugins/bin/protoc-gen-swift" \
  --plugin=protoc-gen-grpc-swift-2="$plugins/bin/protoc-gen-grpc-swift-2" \
  --swift_out="$out" --swift_opt=Visibility=Public,FileNaming=DropPath \
  --grpc-swift-2_out="$out" --grpc-swift-2_opt=Visibility=Public,Client=true,Server=true,FileNaming=DropPath \
  apiextensions/fn/proto/v1/run_function.proto
# Our own wire form of the response (see the file for why); messages only.
protoc \
  --proto_path="$proto_root" --proto_path="$root/proto" \
  --plugin=protoc-gen-swift="$plugins/bin/protoc-gen-swift" \
  --swift_out="$out" --swift_opt=Visibility=Internal,FileNaming=DropPath \
  wire/response_wire.proto
echo "generated into $out:"
ls "$out"
