#!/usr/bin/env bash
# Regenerates the Swift messages and gRPC stubs for Crossplane's RunFunction protocol from
# ../shared/proto (the upstream run_function.proto, unedited), and for gRPC's standard health
# service (grpc.health.v1) from the descriptor that grpcio-health-checking, pinned in
# Tests/requirements.txt, ships. Run it when either changes and commit the output: the normal build
# and CI never need protoc.
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
# gRPC's standard health service, server side only. grpcio-health-checking carries the proto as its
# compiled descriptor rather than as a .proto file; protoc reads that descriptor as it would the file.
descriptors=$(mktemp -d)
trap 'rm -rf "$descriptors"' EXIT
"$root/scripts/py" - "$descriptors/health.desc" <<'PY'
import sys
from google.protobuf import descriptor_pb2
from grpc_health.v1 import health_pb2
descriptor_set = descriptor_pb2.FileDescriptorSet()
health_pb2.DESCRIPTOR.CopyToProto(descriptor_set.file.add())
open(sys.argv[1], "wb").write(descriptor_set.SerializeToString())
PY
protoc \
  --descriptor_set_in="$descriptors/health.desc" \
  --plugin=protoc-gen-swift="$plugins/bin/protoc-gen-swift" \
  --plugin=protoc-gen-grpc-swift-2="$plugins/bin/protoc-gen-grpc-swift-2" \
  --swift_out="$out" --swift_opt=Visibility=Internal,FileNaming=DropPath \
  --grpc-swift-2_out="$out" --grpc-swift-2_opt=Visibility=Internal,Client=false,Server=true,FileNaming=DropPath \
  grpc_health/v1/health.proto
echo "generated into $out:"
ls "$out"
