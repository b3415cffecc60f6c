#!/usr/bin/env bash
# Hostile input: a million mutated XRs and request bytes through protobuf decoding and the runner
# (release build). No crash, every Fatal names a field, one answer per request.
# Usage: scripts/fuzz.sh [--count N] [--seed S]   (defaults: a million inputs, a seed from the clock)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --product function-serverless-fuzz
args=("$@")
[[ " $* " == *" --count "* ]] || args+=(--count 1000000)
[[ " $* " == *" --seed "* ]] || args+=(--seed "$(date +%s)")
"$(swift build -c release --show-bin-path)/function-serverless-fuzz" --root "$root" "${args[@]}"
