#!/usr/bin/env python3
"""Convert the openAPIV3Schema of a CRD into this folder's self-contained JSON Schemas (draft 2020-12),
one file per served version at <group>/<version>/<Kind>.json, with the layout of the existing files.

usage: scripts/py Tests/schemas/import_crd.py --repo URL --tag TAG --commit SHA --path PATH
           [--version V]... [--drop-descriptions] [--out DIR] CRD.yaml
  e.g. git -C provider-upjet-aws show v2.4.0:package/crds/eks.aws.m.upbound.io_clusters.yaml >c.yaml
       scripts/py Tests/schemas/import_crd.py --repo https://github.com/crossplane-contrib/provider-upjet-aws \\
           --tag v2.4.0 --commit 442206f... --path package/crds/eks.aws.m.upbound.io_clusters.yaml c.yaml

--repo/--tag/--commit/--path only record the provenance in `$comment` (list the file in SOURCES.md
yourself). --version limits the import to the named versions (default: every served version).
Conversions, at schema nodes only (never to a property that happens to be called e.g. `pattern`):
  - OpenAPI 3.0 boolean exclusiveMinimum/exclusiveMaximum -> the 2020-12 numeric form;
  - nullable: true -> "null" added to `type` (the `nullable` key stays);
  - x-kubernetes-int-or-string: true without anyOf -> anyOf [integer, string], `type` removed;
  - a Go-regex inline flag group such as (?i) inside a pattern -> moved to the pattern's start;
  - with --drop-descriptions, every `description` string is removed.
x-kubernetes-* keys (CEL validations, list/map types, ...) are kept as they are. A file over ~1 MB
pretty-printed is written with compact separators instead.
"""
import argparse
import json
import os
import re

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CONVERSIONS = ("OpenAPI boolean exclusiveMin/Max -> numeric, nullable -> type null, "
               "x-kubernetes-int-or-string -> anyOf integer|string, Go regex inline flags moved to the pattern start")
INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")
PRETTY_LIMIT = 1_000_000


def convert(node, drop_descriptions):
    """Convert one schema node in place, then its subschemas."""
    if not isinstance(node, dict):
        return
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(node.get(bound), bool):
            if node.pop(bound) and limit in node:
                node[bound] = node.pop(limit)
    if node.get("nullable") is True and "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        node["type"] = types + ["null"] if "null" not in types else types
    if node.get("x-kubernetes-int-or-string") is True and "anyOf" not in node:
        node.pop("type", None)
        node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if isinstance(node.get("pattern"), str):
        flags = INLINE_FLAGS.search(node["pattern"])
        if flags and flags.start() > 0:
            node["pattern"] = flags.group() + node["pattern"][:flags.start()] + node["pattern"][flags.end():]
    if drop_descriptions and isinstance(node.get("description"), str):
        del node["description"]
    for key in ("properties", "patternProperties", "definitions", "$defs"):
        for sub in (node.get(key) or {}).values():
            convert(sub, drop_descriptions)
    for key in ("items", "additionalProperties", "not", "additionalItems"):
        convert(node.get(key), drop_descriptions)
    for key in ("anyOf", "allOf", "oneOf"):
        for sub in node.get(key) or []:
            convert(sub, drop_descriptions)
    keys = sorted(node)  # the order controller-gen writes, also for the keys added above
    items = [(key, node.pop(key)) for key in keys]
    node.update(items)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", required=True, help="upstream repository URL")
    parser.add_argument("--tag", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--path", required=True, help="the CRD's path in the upstream repository")
    parser.add_argument("--version", action="append", help="import only this version (repeatable)")
    parser.add_argument("--drop-descriptions", action="store_true")
    parser.add_argument("--out", default=HERE, help="schema folder (default: this script's)")
    parser.add_argument("crd", help="the CRD YAML file")
    args = parser.parse_args()

    with open(args.crd) as f:
        crd = yaml.safe_load(f)
    spec = crd["spec"]
    origin = re.sub(r"^https?://", "", args.repo).removesuffix(".git")
    for version in spec["versions"]:
        if not version.get("served") or (args.version and version["name"] not in args.version):
            continue
        schema = version["schema"]["openAPIV3Schema"]
        convert(schema, args.drop_descriptions)
        comment = (f"openAPIV3Schema of CRD {crd['metadata']['name']} version {version['name']} from {origin} "
                   f"{args.tag} ({args.commit}) {args.path}; converted: {CONVERSIONS}")
        if args.drop_descriptions:
            comment += "; description strings dropped"
        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:k8s-schema:{spec['group']}/{version['name']}/{spec['names']['kind']}",
            "$comment": comment,
            "x-kubernetes-group-version-kind": [{"group": spec["group"], "version": version["name"], "kind": spec["names"]["kind"]}],
            "x-kubernetes-scope": spec["scope"],
            "x-schema-origin": "crd",
        }
        if not version.get("storage"):
            document["x-kubernetes-storage-version"] = False
        if version.get("deprecated"):
            document["x-kubernetes-deprecated"] = version.get("deprecationWarning") or True
        document.update(schema)
        text = json.dumps(document, indent=1, ensure_ascii=False)
        if len(text.encode()) > PRETTY_LIMIT:
            text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        path = os.path.join(args.out, spec["group"], version["name"], f"{spec['names']['kind']}.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text + "\n")
        print(f"{os.path.relpath(path, args.out)}: {len(text) + 1} characters")


if __name__ == "__main__":
    main()
