#!/usr/bin/env bash
# Speed and memory figures: builds the release server and benchmarks, then measures composition
# in-process (with allocations counted by ordo-one's malloc-interposer) and the server binary over
# loopback gRPC. Arguments go to the benchmarks, e.g. `scripts/bench.sh --memory-calls 100000`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --product function-serverless
swift build -c release --product function-serverless-benchmarks
bin=$(swift build -c release --show-bin-path)
LD_PRELOAD="$bin/libMallocInterposerSwift.so" "$bin/function-serverless-benchmarks" \
  --server "$bin/function-serverless" --root "$root" "$@"
