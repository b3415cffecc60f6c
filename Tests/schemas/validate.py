#!/usr/bin/env python3
"""Validate YAML streams against the real schemas in this folder, the way an API server admits a
create, with the jsonschema library (draft 2020-12) and cel-python for CRD validation rules:

  - each document by its apiVersion/kind (<group>/<version>/<Kind>.json, `core` for the core group);
    XRDs among the files give the schemas of their XRs;
  - unknown fields are errors: an object schema with `properties` and neither `additionalProperties`
    nor x-kubernetes-preserve-unknown-fields is closed (the API server would prune or reject them);
  - x-kubernetes-validations rules are evaluated where cel-python can, after the schema's defaults
    are applied (Kubernetes' own CEL extensions are counted as skipped, not guessed);
  - metadata against ObjectMeta, names as DNS-1123 subdomains (labels for Namespaces, RFC 1035 labels
    for Services);
  - the manifest inside a provider-kubernetes Object, recursively (its name defaults to the Object's).

usage: scripts/py Tests/schemas/validate.py [-q] FILE...
Exit status 1 when a document is invalid. Last line: 'N passed, M failed, K skipped'.
"""
import argparse
import copy
import json
import os
import re
import sys

import celpy
import jsonschema
import yaml

import import_crd  # this folder's: the XRDs' OpenAPI v3.0 forms as the API server reads them

HERE = os.path.dirname(os.path.abspath(__file__))
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
RFC1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
OBJECT_KINDS = {"kubernetes.m.crossplane.io", "kubernetes.crossplane.io"}


def closed(schema):
    """The schema with unknown fields rejected wherever Kubernetes would prune or reject them."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            if (
                "properties" in node
                and "additionalProperties" not in node
                and not node.get("x-kubernetes-preserve-unknown-fields")
                and not node.get("x-kubernetes-embedded-resource")
            ):
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


class Schemas:
    def __init__(self):
        self.cache = {}
        self.xrds = {}
        with open(os.path.join(HERE, "_fragments", "ObjectMeta.json")) as f:
            self.object_meta = jsonschema.Draft202012Validator(closed(json.load(f)))

    def learn_xrd(self, xrd):
        group = xrd["spec"]["group"]
        kind = xrd["spec"]["names"]["kind"]
        for version in xrd["spec"].get("versions", []):
            schema = (version.get("schema") or {}).get("openAPIV3Schema")
            if schema:
                # OpenAPI v3.0 as the API server reads it (boolean exclusive bounds, nullable, ...).
                schema = copy.deepcopy(schema)
                import_crd.convert(schema, drop_descriptions=False)
                # Crossplane adds spec.crossplane and status fields of its own: the XR stays open.
                self.xrds[(f"{group}/{version['name']}", kind)] = jsonschema.Draft202012Validator(schema)

    def validator(self, api_version, kind):
        if (api_version, kind) in self.xrds:
            return self.xrds[(api_version, kind)], None
        key = (api_version, kind)
        if key not in self.cache:
            group, version = api_version.split("/") if "/" in api_version else ("core", api_version)
            path = os.path.join(HERE, group, version, f"{kind}.json")
            if os.path.exists(path):
                with open(path) as f:
                    schema = closed(json.load(f))
                self.cache[key] = (jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()), schema)
            else:
                self.cache[key] = (None, None)
        return self.cache[key]


def defaulted(schema, instance):
    """The instance with the schema's defaults applied where a field is absent, as the API server
    applies them before it evaluates validation rules."""
    if not isinstance(schema, dict):
        return instance
    if isinstance(instance, dict):
        instance = dict(instance)
        for key, sub in (schema.get("properties") or {}).items():
            if key not in instance and isinstance(sub, dict) and "default" in sub:
                instance[key] = copy.deepcopy(sub["default"])
            if key in instance:
                instance[key] = defaulted(sub, instance[key])
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        instance = [defaulted(schema["items"], item) for item in instance]
    return instance


# k8s.io/apiserver/pkg/cel/escaping.go: a property a CEL expression names is escaped when it is a CEL
# keyword (`self.forProvider.__namespace__`) or holds `__`, `.`, `-` or `/`; map keys are not.
CEL_KEYWORDS = {"true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
                "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"}


def cel_property(name):
    if name in CEL_KEYWORDS:
        return f"__{name}__"
    return (name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__")
            .replace("/", "__slash__"))


def cel_view(schema, instance):
    """The instance as CEL sees it: declared properties under their escaped names."""
    if not isinstance(schema, dict):
        return instance
    if isinstance(instance, dict):
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties") if isinstance(schema.get("additionalProperties"), dict) else None
        return {(cel_property(key) if key in properties else key): cel_view(properties.get(key, extra), value)
                for key, value in instance.items()}
    if isinstance(instance, list):
        return [cel_view(schema.get("items"), item) for item in instance]
    return instance


def cel_problems(schema, instance, path, counts):
    """x-kubernetes-validations, evaluated with `self` bound to the value at each schema node."""
    problems = []
    if not isinstance(schema, dict):
        return problems
    for rule in schema.get("x-kubernetes-validations") or []:
        if "oldSelf" in rule["rule"]:
            continue  # transition rules do not apply to a create
        try:
            env = celpy.Environment()
            ok = env.program(env.compile(rule["rule"])).evaluate({"self": celpy.json_to_cel(cel_view(schema, instance))})
        except celpy.CELEvalError as error:
            if "undeclared reference" in str(error.args[0]):
                counts["cel skipped"] += 1  # Kubernetes' CEL extensions (quantity(), url(), ...)
                continue
            ok = False  # a missing field is an evaluation error, and the API server rejects the object
        except Exception:  # syntax cel-python does not parse
            counts["cel skipped"] += 1
            continue
        counts["cel evaluated"] += 1
        if not ok:
            problems.append(f"{path or '<root>'}: {rule.get('message') or rule['rule']}")
    if isinstance(instance, dict):
        for key, value in instance.items():
            sub = (schema.get("properties") or {}).get(key)
            if sub is None and isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
            problems += cel_problems(sub, value, f"{path}.{key}" if path else key, counts)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, value in enumerate(instance):
            problems += cel_problems(schema["items"], value, f"{path}[{index}]", counts)
    return problems


def name_problems(document):
    metadata = document.get("metadata") or {}
    name, kind = metadata.get("name"), document.get("kind")
    if not name:
        return [] if metadata.get("generateName") else ["metadata.name: missing (and no generateName)"]
    rule, pattern, limit = {
        "Namespace": ("a DNS-1123 label", DNS_LABEL, 63),
        "Service": ("an RFC 1035 label", RFC1035_LABEL, 63),
    }.get(kind, ("a DNS-1123 subdomain", DNS_SUBDOMAIN, 253))
    if len(name) > limit or not pattern.match(name):
        return [f"metadata.name: {name!r} is not {rule}"]
    namespace = metadata.get("namespace")
    if namespace is not None and not DNS_LABEL.match(namespace):
        return [f"metadata.namespace: {namespace!r} is not a DNS-1123 label"]
    return []


def document_problems(schemas, document, counts, where=""):
    """Problems of one document; None when there is no schema for its kind."""
    api_version, kind = document.get("apiVersion"), document.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return [f"{where}apiVersion and kind: required"]
    validator, schema = schemas.validator(api_version, kind)
    if validator is None:
        return None
    problems = [f"{where}{'.'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(document)]
    problems += [f"{where}metadata.{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in schemas.object_meta.iter_errors(document.get("metadata") or {})]
    problems += [where + p for p in name_problems(document)]
    if schema is not None:
        problems += [where + p for p in cel_problems(schema, defaulted(schema, document), "", counts)]
    if api_version.split("/")[0] in OBJECT_KINDS and kind == "Object":
        manifest = copy.deepcopy(((document.get("spec") or {}).get("forProvider") or {}).get("manifest") or {})
        manifest.setdefault("metadata", {}).setdefault("name", (document.get("metadata") or {}).get("name"))
        inner = document_problems(schemas, manifest, counts, f"{where}spec.forProvider.manifest ({manifest.get('kind')}): ")
        if inner is None:
            counts["manifests without a schema"] += 1
        else:
            problems += inner
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")
    parser.add_argument(
        "--each", action="store_true", help="each file is its own set of objects (names must be unique within a file, not across)")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    schemas = Schemas()
    documents = []
    for path in args.files:
        with open(path) as f:
            for index, document in enumerate(yaml.safe_load_all(f)):
                if isinstance(document, dict):
                    documents.append((path, f"{path}#{index + 1}", document))
                    if document.get("kind") == "CompositeResourceDefinition":
                        schemas.learn_xrd(document)

    counts = {"cel evaluated": 0, "cel skipped": 0, "manifests without a schema": 0}
    passed = failed = skipped = 0
    seen = {}
    for path, label, document in documents:
        metadata = document.get("metadata") or {}
        identity = (
            path if args.each else None,
            document.get("apiVersion", "").split("/")[0], document.get("kind"), metadata.get("namespace"), metadata.get("name"))
        problems = document_problems(schemas, document, counts)
        if problems is None:
            skipped += 1
            if not args.quiet:
                print(f"SKIP {label} {document.get('apiVersion')} {document.get('kind')}: no schema")
            continue
        if identity[4] and identity in seen:
            problems.append(f"the same {identity[2]} {identity[4]!r} as {seen[identity]}")
        seen.setdefault(identity, label)
        if problems:
            failed += 1
            print(f"FAIL {label} {document.get('kind')} {metadata.get('name')}")
            for problem in problems[:20]:
                print(f"     {problem}")
        else:
            passed += 1
            if not args.quiet:
                print(f"PASS {label} {document.get('kind')} {metadata.get('name')}")
    details = ", ".join(f"{value} {key}" for key, value in counts.items())
    print(f"{passed} passed, {failed} failed, {skipped} skipped ({details})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
