#!/usr/bin/env bash
# Speed and memory figures: builds the release server (statically linked, as shipped) and the
# benchmarks, then measures composition in-process (with allocations counted by ordo-one's
# malloc-interposer) and the server binary over loopback gRPC. With ../shared beside the repository,
# it first builds the grpc-go peer (../shared/tools/gopeer, from Debian's Go packages and with h2load,
# which its build.sh installs with apt-get when missing: root and a Debian mirror) and measures three
# servers side by side: ours, the peer as the transport floor, and the peer doing
# function-go-templating's work with a template of the App.
# Arguments go to the benchmarks, e.g. `scripts/bench.sh --memory-calls 100000` or `--peer-only`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# The server as the image ships it (Dockerfile): the Swift runtime and Foundation linked in, stripped.
static=(-c release --static-swift-stdlib -Xlinker -s --scratch-path .build-static)
swift build "${static[@]}" --product function-serverless
server=$(swift build "${static[@]}" --show-bin-path)/function-serverless
swift build -c release --product function-serverless-benchmarks
bin=$(swift build -c release --show-bin-path)
peer=()
gopeer="$root/../shared/tools/gopeer/build.sh"
if [ -f "$gopeer" ]; then
  if built=$(bash "$gopeer" "$root/.build/gopeer"); then
    # The floor (six fixed Objects) and function-go-templating's work on a template of the App.
    peer=(--peer "$built" --peer-template "$root/../shared/tools/gopeer/app-scale-to-zero.tmpl")
  else
    echo "bench: the grpc-go peer did not build; measuring ours alone" >&2
  fi
else
  echo "bench: no ../shared/tools/gopeer beside the repository; measuring ours alone" >&2
fi
LD_PRELOAD="$bin/libMallocInterposerSwift.so" "$bin/function-serverless-benchmarks" \
  --server "$server" --root "$root" "${peer[@]}" "$@"
