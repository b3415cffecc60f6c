#!/usr/bin/env python3
"""The composed alerts against Prometheus' own tool: every PrometheusRule the golden files hold
(the Cluster's platform rule, an App's cold-start rule) passes `promtool check rules`, and each
alert's unit tests here (`*.test.yaml`: input series that fire it and series that do not) pass
`promtool test rules`. The rules are taken from the golden answers, so a change to what the function
composes is tested here as composed.

usage: scripts/py Tests/alerts/check_alerts.py
Needs promtool (Debian: apt-get install prometheus). Exit status 1 when a check fails.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "ServerlessCompositionTests", "Golden")
# Rule file name (as the tests' rule_files name it) -> the golden answer that holds the rule.
SOURCES = {
    "platform.rules.yaml": "cluster-monitoring/on/expected.yaml",
    "app.rules.yaml": "app-monitoring/alerts/expected.yaml",
}


def rule_groups(path):
    """The `spec` of every PrometheusRule in a golden answer (inside provider-kubernetes Objects)."""
    groups = []
    for document in yaml.safe_load_all(open(path)):
        manifest = ((((document or {}).get("spec") or {}).get("forProvider") or {}).get("manifest")) or {}
        if manifest.get("kind") == "PrometheusRule":
            groups += manifest["spec"]["groups"]
    return {"groups": groups}


def main():
    promtool = shutil.which("promtool")
    if not promtool:
        sys.exit("check_alerts.py: promtool not found (Debian: apt-get install prometheus)")
    failed = False
    with tempfile.TemporaryDirectory() as work:
        for name, source in SOURCES.items():
            rules = rule_groups(os.path.join(GOLDEN, source))
            if not rules["groups"]:
                print(f"FAIL {source}: no PrometheusRule")
                failed = True
            with open(os.path.join(work, name), "w") as f:
                yaml.safe_dump(rules, f, sort_keys=False)
        tests = sorted(glob.glob(os.path.join(HERE, "*.test.yaml")))
        for test in tests:
            shutil.copy(test, work)
        for command in ([promtool, "check", "rules", *sorted(SOURCES)],
                        [promtool, "test", "rules", *[os.path.basename(t) for t in tests]]):
            run = subprocess.run(command, cwd=work, capture_output=True, text=True)
            print(run.stdout.strip() or run.stderr.strip())
            if run.returncode != 0:
                print(run.stderr.strip())
                failed = True
    print("alerts: " + ("FAILED" if failed else "every rule checks and every unit test passes"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
