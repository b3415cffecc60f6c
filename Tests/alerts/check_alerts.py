#!/usr/bin/env python3
"""The composed alerts and dashboards against Prometheus' own tool: every PrometheusRule the golden
files hold (the Cluster's platform rule, an App's cold-start rule) passes `promtool check rules`, and
each alert's unit tests here (`*.test.yaml`: input series that fire it and series that do not) pass
`promtool test rules`. Each Grafana dashboard ConfigMap holds valid dashboard JSON (a uid, a title,
a Prometheus datasource variable every panel and query uses, panels with queries), and every query,
its variables given sample values, parses as PromQL (`promtool check rules` on it as a recording
rule). Everything is taken from the golden answers, so a change to what the function composes is
tested here as composed.

usage: scripts/py Tests/alerts/check_alerts.py
Needs promtool (Debian: apt-get install prometheus). Exit status 1 when a check fails.
"""
import glob
import json
import os
import re
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
    # Checked, not unit-tested: the same alert at another boundary.
    "app-fallback.rules.yaml": "app-monitoring/alerts-with-fallback/expected.yaml",
}


def rule_groups(path):
    """The `spec` of every PrometheusRule in a golden answer (inside provider-kubernetes Objects)."""
    groups = []
    for document in yaml.safe_load_all(open(path)):
        manifest = ((((document or {}).get("spec") or {}).get("forProvider") or {}).get("manifest")) or {}
        if manifest.get("kind") == "PrometheusRule":
            groups += manifest["spec"]["groups"]
    return {"groups": groups}


DASHBOARDS = "cluster-monitoring/on/expected.yaml"
# Sample values for the dashboards' variables, so that their queries parse.
VARIABLES = {"$namespace": "dev", "$app": "silly-demo"}


def dashboards(path):
    """Every Grafana dashboard in the golden answer's ConfigMaps, by file name."""
    found = {}
    for document in yaml.safe_load_all(open(path)):
        manifest = ((((document or {}).get("spec") or {}).get("forProvider") or {}).get("manifest")) or {}
        if manifest.get("kind") == "ConfigMap" and (manifest.get("metadata") or {}).get("labels", {}).get("grafana_dashboard") == "1":
            for name, text in (manifest.get("data") or {}).items():
                found[name] = json.loads(text)
    return found


def dashboard_problems(name, dashboard):
    """What Grafana needs of a provisioned dashboard, and what these dashboards promise."""
    problems = []
    if not dashboard.get("uid") or not dashboard.get("title"):
        problems.append(f"{name}: a uid and a title")
    variables = (dashboard.get("templating") or {}).get("list") or []
    if not any(v.get("type") == "datasource" and v.get("query") == "prometheus" and v.get("name") == "datasource" for v in variables):
        problems.append(f"{name}: no Prometheus datasource variable")
    panels = dashboard.get("panels") or []
    if not panels:
        problems.append(f"{name}: no panels")
    for panel in panels:
        targets = panel.get("targets") or []
        if not panel.get("title") or not targets or "gridPos" not in panel:
            problems.append(f"{name}: panel {panel.get('id')} needs a title, a gridPos and queries")
        for target in [panel] + targets:
            if (target.get("datasource") or {}).get("uid") != "${datasource}":
                problems.append(f"{name}: panel {panel.get('id')} does not use the datasource variable")
        for target in targets:
            for variable in re.findall(r"\$[a-z]+", target.get("expr", "")):
                if not any(v.get("name") == variable[1:] for v in variables):
                    problems.append(f"{name}: panel {panel.get('id')} uses {variable}, which is not a variable")
    return problems


def recording_rules(found):
    """Every dashboard query as a recording rule, its variables given sample values."""
    rules = []
    for name, dashboard in sorted(found.items()):
        for panel in dashboard.get("panels") or []:
            for target in panel.get("targets") or []:
                expr = target["expr"]
                for variable, value in VARIABLES.items():
                    expr = expr.replace(variable, value)
                rules.append({"record": f"dashboard:{dashboard.get('uid', 'x').replace('-', '_')}:panel_{panel['id']}_{target['refId']}",
                              "expr": expr})
    return {"groups": [{"name": "dashboard-queries", "rules": rules}]}


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
        found = dashboards(os.path.join(GOLDEN, DASHBOARDS))
        if len(found) != 2:
            print(f"FAIL {DASHBOARDS}: expected the platform's and the App's dashboards, found {sorted(found)}")
            failed = True
        for name, dashboard in sorted(found.items()):
            for problem in dashboard_problems(name, dashboard):
                print(f"FAIL {problem}")
                failed = True
        with open(os.path.join(work, "dashboard-queries.yaml"), "w") as f:
            yaml.safe_dump(recording_rules(found), f, sort_keys=False)
        tests = sorted(glob.glob(os.path.join(HERE, "*.test.yaml")))
        for test in tests:
            shutil.copy(test, work)
        for command in ([promtool, "check", "rules", *sorted(SOURCES), "dashboard-queries.yaml"],
                        [promtool, "test", "rules", *[os.path.basename(t) for t in tests]]):
            run = subprocess.run(command, cwd=work, capture_output=True, text=True)
            print(run.stdout.strip() or run.stderr.strip())
            if run.returncode != 0:
                print(run.stderr.strip())
                failed = True
    print("alerts and dashboards: " + ("FAILED" if failed else "every rule and query checks, every unit test passes, every dashboard is whole"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
