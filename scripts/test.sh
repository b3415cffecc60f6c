#!/usr/bin/env bash
# The whole test suite, from this repository alone: unit and golden-file tests; the release binary
# from the outside (the parity cases over real gRPC, v1 and v1beta1, with Crossplane's own Python
# client; the contract checks: start-up, tag, TTL, pass-through, mTLS, SIGTERM); schema validation of
# everything the function renders; the test tools' own tests; actionlint on the workflows; a short
# fixed-seed fuzz run; the Swift code against its formatter (swift format lint); the alerts with promtool. Python is test tooling only: scripts/py keeps it in .venv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Prerequisites first, in one line, rather than a failure after ten minutes of builds.
missing=()
command -v swift >/dev/null || missing+=("swift (Swift 6.1 or newer)")
command -v python3 >/dev/null || missing+=("python3")
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=("python3-venv (Debian: apt-get install python3-venv)")
command -v openssl >/dev/null || missing+=("openssl (the mTLS tests make their certificates)")
command -v promtool >/dev/null || missing+=("promtool (Debian: apt-get install prometheus; it checks and tests the alerts)")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "scripts/test.sh: missing: $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g')" >&2
  exit 2
fi

echo "== test tools: .venv with Tests/requirements.txt"
scripts/py -c 'import crossplane.function, jsonschema, celpy, yaml'

echo "== swift format lint (.swift-format; the generated protobuf code is left as generated)"
# The formatter's rules change between toolchains: the code follows the one of Swift 6.3.
if swift --version 2>&1 | grep -q "Swift version 6\.3"; then
  find Sources Tests -name '*.swift' -not -path '*/Generated/*' -print0 | xargs -0 swift format lint --strict --configuration .swift-format
  echo "swift format: no problems"
else
  echo "swift format: skipped (the code is formatted by Swift 6.3's formatter; this is $(swift --version 2>&1 | head -n 1))"
fi

echo "== swift test"
swift test

echo "== release build"
swift build -c release --product function-serverless
swift build -c release --product function-serverless-fuzz
bin_dir=$(swift build -c release --show-bin-path)
bin=$bin_dir/function-serverless

echo "== fuzz: a short fixed-seed run (scripts/fuzz.sh runs a million)"
"$bin_dir/function-serverless-fuzz" --root "$root" --count 20000 --seed 1

echo "== parity: the upstream KCL's output (apps and infrastructure steps), over gRPC (v1 and v1beta1)"
port=${PARITY_PORT:-19443}
for api in v1 v1beta1; do
  scripts/py Tests/parity/parity.py --api "$api" \
    --serve "$bin --insecure --address 127.0.0.1:$port --metrics-address ''" --address "127.0.0.1:$port" \
    | grep -v '^PASS'
done

echo "== the release binary from the outside: start-up, contract, mTLS, SIGTERM"
scripts/py Tests/binary/check-binary.py "$bin"

echo "== the alerts and dashboards: promtool check rules and promtool test rules"
scripts/py Tests/alerts/check_alerts.py | grep -v 'SUCCESS\|^Checking\|^Unit Testing\|^$'

echo "== the test tools' own tests, and the readiness CEL the function emits"
scripts/py Tests/schemas/selftest.py | grep -v '^PASS'

echo "== schema validation of everything rendered"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for case in Tests/parity/cases/* Tests/parity/infra/*; do
  input=()
  [ -f "$case/input.yaml" ] && input=(--input "$case/input.yaml")
  "$bin" render "$case/xr.yaml" "${input[@]}" > "$out/$(basename "$case").yaml"
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
  scripts/py Tests/schemas/validate.py -q "$rendered" > "$out/validate.log" 2>&1 || {
    failed=1
    echo "invalid: $(basename "$rendered")"
    cat "$out/validate.log"
  }
done
# Every golden answer, each file on its own.
# shellcheck disable=SC2046 # one path per golden case
scripts/py Tests/schemas/validate.py -q --each $(find Tests/ServerlessCompositionTests/Golden -name expected.yaml | sort) \
  > "$out/validate.log" 2>&1 || {
  failed=1
  echo "invalid: golden answers"
  grep -v '^PASS\|^SKIP' "$out/validate.log" || true
}
echo "golden answers: $(tail -n 1 "$out/validate.log")"
# Each example folder as a user applies it, and the package files.
for files in "examples/app examples/functions.yaml" examples/cluster package; do
  # shellcheck disable=SC2086 # the App's set is two paths
  scripts/py Tests/schemas/validate.py -q $(find $files -name '*.yaml' -not -path '*/observed/*' | sort) > "$out/validate.log" 2>&1 || {
    failed=1
    echo "invalid: $files"
    grep -v '^PASS\|^SKIP' "$out/validate.log" || true
  }
  echo "$files: $(tail -n 1 "$out/validate.log")"
done
[ "$failed" = 0 ] && echo "validation: every render passed"

echo "== docs: every relative link resolves, every XRD field is in its table"
scripts/py Tests/docs/check_docs.py | tail -n 20 || failed=1

echo "== actionlint: .github/workflows"
"${FUNCTION_SERVERLESS_VENV:-$root/.venv}/bin/actionlint" -shellcheck= .github/workflows/*.yaml && echo "actionlint: no problems"

exit "$failed"
