#!/usr/bin/env python3
"""Tests of the test tools and of the CEL the function emits:

  - validate.py rejects what an API server would (each bad document must fail, the good one pass);
  - each readiness CEL query our Objects carry (read from the golden files), evaluated by cel-python
    as provider-kubernetes evaluates it (the observed object bound to `object`), against a table of
    observed states: ready only when the object serves, false (never an error) while its status is
    missing or partial.

usage: scripts/py Tests/schemas/selftest.py
Last line: 'N passed, M failed'.
"""
import copy
import glob
import os
import subprocess
import sys
import tempfile

import celpy
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "ServerlessCompositionTests", "Golden")

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok or not detail else f": {detail}"))


def validates(document):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        yaml.safe_dump(document, f)
    try:
        run = subprocess.run([sys.executable, os.path.join(HERE, "validate.py"), "-q", f.name], capture_output=True, text=True)
        return run.returncode == 0, run.stdout.strip().splitlines()[-1]
    finally:
        os.unlink(f.name)


GOOD = {
    "apiVersion": "kubernetes.m.crossplane.io/v1alpha1",
    "kind": "Object",
    "metadata": {"name": "silly-demo-service", "namespace": "a-team"},
    "spec": {
        "forProvider": {
            "manifest": {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "silly-demo", "namespace": "dev"},
                "spec": {"type": "ClusterIP", "ports": [{"name": "http", "port": 8080, "targetPort": 8080}]},
            }
        },
        "providerConfigRef": {"kind": "ProviderConfig", "name": "a-team"},
    },
}


def bad(change):
    document = copy.deepcopy(GOOD)
    change(document)
    return document


def manifest(document):
    return document["spec"]["forProvider"]["manifest"]


BAD = {
    "an unknown field in a manifest": bad(lambda d: manifest(d)["spec"].update(replica=3)),
    "an unknown field in the Object": bad(lambda d: d["spec"].update(forProvidr={})),
    "a Service name that is not an RFC 1035 label": bad(lambda d: manifest(d)["metadata"].update(name="9-lives")),
    "an Object name that is not a DNS subdomain": bad(lambda d: d["metadata"].update(name="Silly_Demo")),
    "a port that is a string": bad(lambda d: manifest(d)["spec"]["ports"][0].update(port="http")),
    "a readiness policy outside the enum": bad(lambda d: d["spec"].update(readiness={"policy": "WhenServing"})),
    "DeriveFromCelQuery without a query (a CEL rule of the CRD)": bad(
        lambda d: d["spec"].update(readiness={"policy": "DeriveFromCelQuery"})),
    "no name and no generateName": bad(lambda d: d["metadata"].pop("name")),
}


def readiness_queries():
    """kind inside the Object -> the CEL query the function emits for it, from the golden files."""
    queries = {}
    for path in glob.glob(os.path.join(GOLDEN, "*", "*", "expected.yaml")):
        with open(path) as f:
            for document in yaml.safe_load_all(f):
                readiness = ((document or {}).get("spec") or {}).get("readiness") or {}
                if readiness.get("policy") == "DeriveFromCelQuery":
                    queries[manifest(document)["kind"]] = readiness["celQuery"]
    return queries


def condition(kind, status):
    return {"type": kind, "status": status}


def route(*parents):
    return {"status": {"parents": [{"conditions": list(p)} for p in parents]}}


TABLES = {
    "HTTPRoute": [
        ("no status yet", {}, False),
        ("no parents yet", {"status": {}}, False),
        ("an empty parent list", {"status": {"parents": []}}, False),
        ("a parent with no conditions", {"status": {"parents": [{}]}}, False),
        ("accepted, refs resolved", route([condition("Accepted", "True"), condition("ResolvedRefs", "True")]), True),
        ("accepted, the interceptor not granted", route([condition("Accepted", "True"), condition("ResolvedRefs", "False")]), False),
        ("not accepted", route([condition("Accepted", "False"), condition("ResolvedRefs", "True")]), False),
        ("one of two gateways accepts", route(
            [condition("Accepted", "True"), condition("ResolvedRefs", "True")],
            [condition("Accepted", "False"), condition("ResolvedRefs", "True")]), False),
    ],
    "Gateway": [
        ("no status yet", {}, False),
        ("accepted, no address yet", {"status": {"conditions": [condition("Accepted", "True"), condition("Programmed", "False")]}}, False),
        ("accepted and programmed", {"status": {"conditions": [condition("Accepted", "True"), condition("Programmed", "True")]}}, True),
    ],
    "GatewayClass": [
        ("no status yet", {}, False),
        ("pending", {"status": {"conditions": [condition("Accepted", "Unknown")]}}, False),
        ("accepted", {"status": {"conditions": [condition("Accepted", "True")]}}, True),
    ],
    "CustomResourceDefinition": [
        ("no status yet", {}, False),
        ("names accepted, not established", {"status": {"conditions": [condition("NamesAccepted", "True"), condition("Established", "False")]}}, False),
        ("established", {"status": {"conditions": [condition("NamesAccepted", "True"), condition("Established", "True")]}}, True),
    ],
}


def evaluate(query, observed):
    env = celpy.Environment()
    result = env.program(env.compile(query)).evaluate({"object": celpy.json_to_cel(observed)})
    if isinstance(result, celpy.CELEvalError):
        raise RuntimeError(str(result))
    return bool(result)


# A rule that names a CEL keyword property: the CRD writes `self.forProvider.__namespace__`.
POD_IDENTITY = {
    "apiVersion": "eks.aws.m.upbound.io/v1beta1",
    "kind": "PodIdentityAssociation",
    "metadata": {"name": "a-team-autoscaler", "namespace": "a-team"},
    "spec": {"forProvider": {"region": "us-east-1", "clusterName": "a-team", "namespace": "kube-system",
                             "serviceAccount": "cluster-autoscaler", "roleArn": "arn:aws:iam::1:role/a"}},
}


def main():
    ok, summary = validates(GOOD)
    check("validate.py passes a valid Object and its manifest", ok, summary)
    ok, summary = validates(POD_IDENTITY)
    check("validate.py reads a keyword property through its CEL escape (__namespace__)", ok, summary)
    without_namespace = copy.deepcopy(POD_IDENTITY)
    del without_namespace["spec"]["forProvider"]["namespace"]
    ok, summary = validates(without_namespace)
    check("validate.py rejects a PodIdentityAssociation without its required namespace", not ok, summary)
    for name, document in BAD.items():
        ok, summary = validates(document)
        check(f"validate.py rejects {name}", not ok, summary)

    queries = readiness_queries()
    check("the golden files carry a CEL query for every kind the table covers", set(TABLES) <= set(queries), sorted(queries))
    for kind, rows in TABLES.items():
        for state, observed, ready in rows:
            try:
                got = evaluate(queries[kind], observed)
                check(f"{kind} {state}: ready is {ready}", got == ready, f"got {got}")
            except Exception as error:  # an evaluation error leaves the Object unready with an error message
                check(f"{kind} {state}: ready is {ready}", False, f"evaluation error: {error}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
