#!/usr/bin/env bash
# Regenerates docs/simulate.md's worked example: its two outputs (the first two ``` blocks) and its two
# plots, with the page's own commands. Run after a change to the model; the tests
# (DocsExampleTests) fail until the page matches.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build --product function-serverless >&2
bin=$(swift build --show-bin-path)/function-serverless
app=examples/app/app-scale-to-zero.yaml
trace=examples/traces/office-hours.csv
single=$("$bin" simulate "$app" --trace "$trace" --plot docs/simulate/office-hours.svg)
sweep=$("$bin" simulate "$app" --trace "$trace" --recommend --max-cold 2% --plot docs/simulate/office-hours-sweep.svg)
SINGLE="$single" SWEEP="$sweep" python3 - <<'PY'
import os, re
path = "docs/simulate.md"
page = open(path, encoding="utf-8").read()
blocks = iter([os.environ["SINGLE"], os.environ["SWEEP"]])
page = re.sub(r"^```\n.*?^```$", lambda m: "```\n" + next(blocks, m.group(0)[4:-3].rstrip("\n")) + "\n```", page, count=2, flags=re.S | re.M)
open(path, "w", encoding="utf-8").write(page)
PY
echo "docs/simulate.md and docs/simulate/*.svg regenerated" >&2
