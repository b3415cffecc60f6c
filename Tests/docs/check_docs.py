"""The documentation holds together: every relative link in README.md, DEVELOPMENT.md and docs/ (and
the other Markdown files of the repository) names a file that exists and, with `#anchor`, a heading of
that file (GitHub's anchors); every table row has its header's cells; every field of the two XRDs is in its XR's field table (docs/app.md,
docs/cluster.md). Prints each problem; exit status 1 when there is any.

usage: scripts/py Tests/docs/check_docs.py
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+)$")


def anchor(title):
    """GitHub's anchor of a heading: lower case, punctuation but '-' and '_' dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def markdown_files():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules",)]
        for name in files:
            if name.endswith(".md"):
                yield os.path.join(folder, name)


def anchors(path):
    found, in_code = set(), False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            in_code = not in_code
        m = HEADING.match(line) if not in_code else None
        if m:
            found.add(anchor(m.group(1)))
    return found


def link_problems():
    problems = []
    for path in markdown_files():
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold no links
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue  # http(s), mailto: not checked here
            file, _, fragment = target.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
            where = os.path.relpath(path, ROOT)
            if not os.path.exists(resolved):
                problems.append(f"{where}: {target}: no such file")
            elif fragment and resolved.endswith(".md") and fragment not in anchors(resolved):
                problems.append(f"{where}: {target}: no heading #{fragment} in {os.path.relpath(resolved, ROOT)}")
    return problems


def table_problems():
    """A Markdown table whose rows do not all have the header's cells renders broken on GitHub."""
    problems = []
    for path in markdown_files():
        header = None
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.startswith("|"):
                header = None
                continue
            cells = len(re.findall(r"(?<!\\)\|", line.replace("`|`", "")))
            if header is None:
                header = cells
            elif not line.endswith("|") or cells != header:
                problems.append(f"{os.path.relpath(path, ROOT)}:{number}: a table row of {cells - 1} cells, its header has {header - 1}")
    return problems


def fields(schema, path):
    for key, value in (schema.get("properties") or {}).items():
        here = f"{path}.{key}"
        if value.get("type") == "object" and value.get("properties"):
            yield from fields(value, here)
        elif value.get("type") == "array" and (value.get("items") or {}).get("properties"):
            yield from fields(value["items"], here + "[]")
        else:
            yield here


def field_table_problems():
    problems = []
    for xrd, page in [("examples/app/xrd.yaml", "docs/app.md"), ("examples/cluster/xrd.yaml", "docs/cluster.md")]:
        schema = yaml.safe_load(open(os.path.join(ROOT, xrd)))["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        table = open(os.path.join(ROOT, page), encoding="utf-8").read()
        for field in fields(schema["properties"]["spec"], "spec"):
            if f"| `{field}` |" not in table:
                problems.append(f"{page}: {field} ({xrd}) is not in the field table")
    return problems


def main():
    problems = link_problems() + table_problems() + field_table_problems()
    for problem in problems:
        print(problem)
    print(f"docs: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
