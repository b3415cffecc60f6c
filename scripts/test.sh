#!/usr/bin/env bash
# The whole test suite: unit and golden-file tests, then the release binary from the outside: the
# parity cases over real gRPC, the contract checks (start-up, tag, TTL, pass-through, mTLS, SIGTERM)
# and schema validation of everything the function renders; a short fixed-seed fuzz run.
# Needs ../shared beside the repository (proto, parity cases, schemas, test tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$root/../shared}
cd "$root"

echo "== swift test"
swift test

echo "== release build"
swift build -c release --product function-serverless
swift build -c release --product function-serverless-fuzz
bin=$(swift build -c release --show-bin-path)/function-serverless

echo "== fuzz: a short fixed-seed run (scripts/fuzz.sh runs a million)"
"$(swift build -c release --show-bin-path)/function-serverless-fuzz" --root "$root" --count 20000 --seed 1

# Every parity case: App and Cluster.
cases=("$shared"/parity/cases/*)

echo "== parity: the upstream KCL output, over gRPC (v1 and v1beta1)"
port=${PARITY_PORT:-19443}
for api in v1 v1beta1; do
  "$shared/tools/py" "$shared/tools/parity.py" --api "$api" "${cases[@]}" \
    --serve "$bin --insecure --address 127.0.0.1:$port --metrics-address ''" --address "127.0.0.1:$port"
done

echo "== the release binary from the outside: start-up, contract, mTLS, SIGTERM"
"$shared/tools/py" Tests/binary/check-binary.py "$bin"

echo "== schema validation of everything rendered"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for case in "${cases[@]}"; do
  name=$(basename "$case")
  [ -f "$case/expected.yaml" ] || continue
  input=()
  [ -f "$case/input.yaml" ] && input=(--input "$case/input.yaml")
  "$bin" render "$case/xr.yaml" "${input[@]}" > "$out/$name.yaml"
done
# Each example XR through each Composition of its folder (the Cluster has one per cloud).
for example in examples/*/; do
  for xr in "$example"*.yaml; do
    grep -q '^kind: \(App\|Cluster\)$' "$xr" || continue
    for composition in "$example"composition*.yaml; do
      "$bin" render "$xr" --composition "$composition" \
        > "$out/example-$(basename "$xr" .yaml)-$(basename "$composition")"
    done
  done
done
# Each render on its own: the same names recur across cases.
failed=0
for rendered in "$out"/*.yaml; do
  "$shared/tools/py" "$shared/tools/validate.py" --allow-missing-name -q "$rendered" > "$out/validate.log" 2>&1 || {
    failed=1
    echo "invalid: $(basename "$rendered")"
    grep -v 'no schema' "$out/validate.log" || true
  }
done
# Each example folder as a user applies it, and the package files.
for files in "examples/app examples/functions.yaml" examples/cluster package; do
  # shellcheck disable=SC2086 # the App's set is two paths
  "$shared/tools/py" "$shared/tools/validate.py" $(find $files -name '*.yaml' | sort) > "$out/validate.log" 2>&1 || {
    failed=1
    echo "invalid: $files"
    grep -v '(skipped)' "$out/validate.log" || true
  }
  echo "$files: $(tail -n 1 "$out/validate.log")"
done
[ "$failed" = 0 ] && echo "validation: every render passed"
exit "$failed"
