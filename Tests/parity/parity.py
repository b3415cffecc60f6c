#!/usr/bin/env python3
"""The migration contract over real gRPC: every case in Tests/parity/cases and Tests/parity/infra (an
XR and what the upstream KCL composed for it, see README.md) is sent to a running function-serverless through the
Crossplane project's own generated Python client (crossplane-function-sdk-python), and the answer is
compared with the KCL's.

Each case is sent twice:
  - first step: xr.raw.yaml (no XRD defaults), empty desired state;
  - later step: xr.yaml (defaults applied), with a desired resource, a composite status and a context
    from an earlier step, which must come back unchanged.

Where we deliberately differ from the KCL (README.md), the fields are compared with what they should
hold instead of with the KCL's output.

usage: scripts/py Tests/parity/parity.py [--api v1|v1beta1] [--serve 'CMD'] [--address HOST:PORT] [CASE_DIR...]
(default: every case of cases/ and infra/)
Exit status 1 when a comparison fails. Last line: 'N passed, M failed'.
"""
import argparse
import copy
import json
import os
import shlex
import socket
import subprocess
import sys
import time

import grpc
import yaml
from google.protobuf import json_format

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from crossplane_client import struct, stubs  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EARLIER_KEY = "earlier-step-resource"
EARLIER_RESOURCE = {
    "apiVersion": "example.org/v1",
    "kind": "Thing",
    "metadata": {"name": "from-an-earlier-step", "labels": {"keep": "me"}},
    "spec": {"list": [1, 2.5, "three", {"deep": [True, None]}], "empty": {}},
}
EARLIER_STATUS = {"earlierStep": {"count": 3}}
CONTEXT = {"apiextensions.crossplane.io/environment": {"region": "eu-west-1", "tier": 2}}




def plain(message):
    return json_format.MessageToDict(message)


def by_value(x):
    """Struct carries every number as a double: 8080.0 and 8080 are the same number."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, dict):
        return {k: by_value(v) for k, v in x.items()}
    if isinstance(x, list):
        return [by_value(v) for v in x]
    return x


def comparable(resource):
    """What the KCL and we may write differently on purpose (README.md, 'Where we deliberately differ')
    or what Crossplane owns, taken out of a composed resource before comparing."""
    resource = copy.deepcopy(resource)
    metadata = resource.get("metadata") or {}
    metadata.pop("namespace", None)  # Crossplane puts composed resources in a namespaced XR's namespace
    annotations = metadata.get("annotations") or {}
    for key in [k for k in annotations if k == "crossplane.io/composition-resource-name" or k.startswith("krm.kcl.dev/")]:
        del annotations[key]
    if metadata.get("annotations") == {}:
        del metadata["annotations"]
    spec = resource.get("spec") if isinstance(resource.get("spec"), dict) else {}
    # Nodes that follow the apps (checked by node_autoscaling_problems): the autoscaler owns a node
    # group's size after creation, AKS and GKE get their autoscaler profiles.
    if resource.get("kind") == "NodeGroup" and "initProvider" in spec:
        desired = (spec.pop("initProvider").get("scalingConfig") or {}).get("desiredSize")
        (spec.get("forProvider") or {}).setdefault("scalingConfig", {})["desiredSize"] = desired
    if resource.get("kind") == "KubernetesCluster":
        (spec.get("forProvider") or {}).pop("autoScalerProfile", None)
    if resource.get("kind") == "Cluster" and str(resource.get("apiVersion", "")).startswith("container.gcp"):
        ((spec.get("forProvider") or {}).get("clusterAutoscaling") or {}).pop("autoscalingProfile", None)
    if resource.get("kind") == "Object":
        spec.pop("readiness", None)  # ready means serving, not applied
    manifest = (spec.get("forProvider") or {}).get("manifest") or {}
    kind = manifest.get("kind")
    if kind == "ReferenceGrant":
        (manifest.get("metadata") or {}).pop("name", None)  # one grant per route namespace
    manifest_spec = manifest.get("spec") if isinstance(manifest.get("spec"), dict) else {}
    if kind == "HTTPRoute":  # the cold-start wait: the gateway never cuts a request the interceptor holds
        for rule in manifest_spec.get("rules") or []:
            rule.pop("timeouts", None)
    if kind == "HTTPScaledObject":
        manifest_spec.pop("timeouts", None)
    if kind == "GatewayClass":
        manifest_spec.pop("parametersRef", None)  # the EnvoyProxy that sets the load balancer's idle timeout
    if kind == "Deployment":  # a scale-to-zero App's startup probe: Ready about a second after a woken pod serves
        for container in ((manifest_spec.get("template") or {}).get("spec") or {}).get("containers") or []:
            container.pop("startupProbe", None)
    return by_value(resource)


# The EnvoyProxy that sets the cloud load balancer's idle timeout, by the provider label of the case.
IDLE_TIMEOUT_ANNOTATIONS = {
    "aws": {"service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout": "3600"},
    "azure": {"service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout": "61"},
}


def envoy_proxy_problems(xr, step_input, wanted, resources):
    """On AWS and Azure with Envoy Gateway on, the EnvoyProxy Object and its Usage beyond the KCL's
    resources, and the GatewayClass's reference to it; elsewhere none of them."""
    name = (xr.get("metadata") or {}).get("name")
    labels = (((xr.get("spec") or {}).get("crossplane") or {}).get("compositionSelector") or {}).get("matchLabels") or {}
    cloud = ((step_input or {}).get("spec") or {}).get("provider") or labels.get("provider")
    extra = {f"{name}-app-envoy-proxy", f"{name}-app-envoy-proxy-usage"}
    gateway_class = f"{name}-app-envoy-gateway-class"
    expected = gateway_class in wanted and cloud in IDLE_TIMEOUT_ANNOTATIONS
    problems = []
    if not expected:
        problems += [f"resource {key}: not composed by the KCL" for key in sorted(extra & set(resources))]
        return problems, extra & set(resources)
    proxy = ((resources.get(f"{name}-app-envoy-proxy") or {}).get("spec") or {}).get("forProvider", {}).get("manifest") or {}
    annotations = (((proxy.get("spec") or {}).get("provider") or {}).get("kubernetes") or {}).get("envoyService", {}).get("annotations")
    if proxy.get("kind") != "EnvoyProxy" or annotations != IDLE_TIMEOUT_ANNOTATIONS[cloud]:
        problems.append(f"resource {name}-app-envoy-proxy: expected an EnvoyProxy with {IDLE_TIMEOUT_ANNOTATIONS[cloud]}, got {proxy}")
    if f"{name}-app-envoy-proxy-usage" not in resources:
        problems.append(f"resource {name}-app-envoy-proxy-usage: missing")
    manifest = ((resources.get(gateway_class) or {}).get("spec") or {}).get("forProvider", {}).get("manifest") or {}
    ref = (manifest.get("spec") or {}).get("parametersRef")
    if ref != {"group": "gateway.envoyproxy.io", "kind": "EnvoyProxy", "name": "eg", "namespace": "envoy-gateway-system"}:
        problems.append(f"resource {gateway_class}: spec.parametersRef should name the EnvoyProxy eg, got {ref}")
    return problems, extra


AUTOSCALER_INFRA = ["iamrole-autoscaler", "iampolicy-autoscaler", "iamattachment-autoscaler", "podidentity-autoscaler"]


def node_autoscaling_problems(xr, step_input, wanted, resources, observed):
    """Nodes that follow the apps (on by default): on AWS the Cluster Autoscaler's chart and Metrics
    Server (apps part), its IAM and Pod Identity (infrastructure part) and node groups sized by the
    autoscaler after creation; on Azure the autoScalerProfile; on Google the OPTIMIZE_UTILIZATION
    profile. The resources beyond the KCL's, with the problems found in them and in those fields."""
    name = (xr.get("metadata") or {}).get("name")
    labels = (((xr.get("spec") or {}).get("crossplane") or {}).get("compositionSelector") or {}).get("matchLabels") or {}
    cloud = ((step_input or {}).get("spec") or {}).get("provider") or labels.get("provider")
    parameters = (xr.get("spec") or {}).get("parameters") or {}
    autoscaling = (parameters.get("nodeAutoscaling") or {}).get("enabled", True)
    metrics_server = ((parameters.get("apps") or {}).get("metricsServer") or {}).get("enabled", True)
    databases = ((parameters.get("apps") or {}).get("cnpg") or {}).get("enabled", False)
    # The autoscaler's chart waits for its Pod Identity to be observed ready (or keeps an installed one).
    def ready(key):
        return any(c.get("type") == "Ready" and c.get("status") == "True"
                   for c in (((observed.get(key) or {}).get("status") or {}).get("conditions") or []))
    autoscaler_chart = autoscaling and (ready("podidentity-autoscaler") or f"{name}-app-cluster-autoscaler" in observed)
    infrastructure = "infrastructure" in (((step_input or {}).get("spec") or {}).get("parts") or [])
    apps = not infrastructure or "apps" in (((step_input or {}).get("spec") or {}).get("parts") or [])
    problems, extra = [], set()
    def manifest_spec(key):
        return ((resources.get(key) or {}).get("spec") or {})
    if cloud == "aws" and apps:
        releases = {f"{name}-app-cluster-autoscaler": autoscaler_chart, f"{name}-app-metrics-server": metrics_server}
        for release, expected in releases.items():
            for key in (release, f"{release}-usage"):
                extra.add(key)
                if (key in resources) != expected:
                    problems.append(f"resource {key}: {'missing' if expected else 'composed with it switched off'}")
        values = (manifest_spec(f"{name}-app-cluster-autoscaler").get("forProvider") or {}).get("values")
        wanted_values = {
            "cloudProvider": "aws", "awsRegion": "us-east-1", "autoDiscovery": {"clusterName": name},
            "rbac": {"serviceAccount": {"name": "cluster-autoscaler"}},
            "extraArgs": {"scale-down-unneeded-time": "5m", "scale-down-utilization-threshold": "0.5"},
        }
        if autoscaler_chart and values != wanted_values:
            problems.append(f"resource {name}-app-cluster-autoscaler: values should be {wanted_values}, got {values}")
        metrics_values = (manifest_spec(f"{name}-app-metrics-server").get("forProvider") or {}).get("values")
        if metrics_server and metrics_values not in (None, {}):
            problems.append(f"resource {name}-app-metrics-server: the chart's own values expected, got {metrics_values}")
    if cloud == "aws" and infrastructure:
        for key in AUTOSCALER_INFRA + ["addonPodIdentity"]:
            if key in wanted:
                continue
            extra.add(key)
            expected = autoscaling or (key == "addonPodIdentity" and databases)
            if (key in resources) != expected:
                problems.append(f"resource {key}: {'missing' if expected else 'composed with nodeAutoscaling off'}")
        for key, resource in resources.items():
            if resource.get("kind") != "NodeGroup":
                continue
            spec = resource.get("spec") or {}
            scaling = (spec.get("forProvider") or {}).get("scalingConfig") or {}
            if autoscaling:
                wanted_init = {"scalingConfig": {"desiredSize": scaling.get("minSize")}}
                if spec.get("initProvider") != wanted_init or "desiredSize" in scaling:
                    problems.append(f"resource {key}: expected desiredSize only in spec.initProvider {wanted_init}, got {spec.get('initProvider')} and {scaling}")
            elif "initProvider" in spec:
                problems.append(f"resource {key}: spec.initProvider with nodeAutoscaling off")
        if autoscaling:
            role = ((manifest_spec("podidentity-autoscaler").get("forProvider")) or {})
            if (role.get("namespace"), role.get("serviceAccount")) != ("kube-system", "cluster-autoscaler"):
                problems.append(f"resource podidentity-autoscaler: should tie kube-system/cluster-autoscaler, got {role}")
    if cloud == "azure" and infrastructure:
        profile = (manifest_spec(f"{name}-cluster").get("forProvider") or {}).get("autoScalerProfile")
        wanted_profile = {"scaleDownUnneeded": "5m", "scaleDownUtilizationThreshold": "0.5"} if autoscaling else None
        if profile != wanted_profile:
            problems.append(f"resource {name}-cluster: autoScalerProfile should be {wanted_profile}, got {profile}")
    if cloud == "google" and infrastructure:
        profile = ((manifest_spec(f"{name}-cluster").get("forProvider") or {}).get("clusterAutoscaling") or {}).get("autoscalingProfile")
        if profile != ("OPTIMIZE_UTILIZATION" if autoscaling else None):
            problems.append(f"resource {name}-cluster: clusterAutoscaling.autoscalingProfile should be OPTIMIZE_UTILIZATION, got {profile}")
    return problems, extra


def wanted_requirements(xr, step_input, composed_names):
    """The resources a step asks Crossplane for (README.md, "What the function asks Crossplane for"),
    by requirement name: (kind, name, namespace). Nothing unless the XR has something to check."""
    metadata = xr.get("metadata") or {}
    spec = xr.get("spec") or {}
    name, namespace = metadata.get("name"), metadata.get("namespace") or ""
    wanted = {}
    if xr.get("kind") == "App":
        target = spec.get("targetNamespace") or namespace
        scaling = spec.get("scaling") or {}
        wake_with = scaling.get("wakeWith")
        if wake_with:
            wanted["wake-with"] = ("App", wake_with, namespace)
            if namespace and target != namespace:
                wanted["wake-with-target-namespace"] = ("App", wake_with, target)
        # Object names that end in another App's (<app>-canary-*, <app>-http-scaled-object, ...), and
        # this App's name ending in another's suffix part, each asked for by name.
        suffixes = {"deployment", "service", "httproute", "ingress", "scaled-object", "http-scaled-object", "reference-grant",
                    "database", "external-secret", "pod-monitor", "alerts", "vpa"}
        def is_suffix(rest):
            bare = rest[len("canary-"):] if rest.startswith("canary-") else rest
            return bare in suffixes or rest.startswith("trigger-auth-")
        names = []
        for composed in composed_names:
            if not composed.startswith(f"{name}-"):
                continue
            rest = composed[len(name) + 1:]
            names += [f"{name}-{rest[:i]}" for i, c in enumerate(rest) if c == "-" and is_suffix(rest[i + 1:])]
        names += [name[:i] for i, c in enumerate(name) if c == "-" and (
            name[i + 1:] in ("canary", "http", "canary-http", "trigger-auth") or name[i + 1:].startswith("trigger-auth-"))]
        unique = []
        for candidate in names:
            if candidate not in unique and candidate != name:
                unique.append(candidate)
        for candidate in unique:
            wanted[f"names/{candidate}"] = ("App", candidate, namespace)
        if namespace and target != namespace:
            for candidate in [name] + unique:
                wanted[f"names-in-target/{candidate}"] = ("App", candidate, target)
    elif ((step_input or {}).get("spec") or {}).get("parts") == ["infrastructure"]:
        wanted["provider-config-helm"] = ("ProviderConfig", name, namespace)
        wanted["provider-config-kubernetes"] = ("ProviderConfig", name, namespace)
    return wanted


def requirement_problems(rsp, xr, step_input):
    got = {key: (s.kind, s.match_name, s.namespace) for key, s in rsp.requirements.resources.items()}
    wanted = wanted_requirements(xr, step_input, [key for key in rsp.desired.resources if key != EARLIER_KEY])
    problems = [f"requirements.resources: expected {wanted}, got {got}"] if got != wanted else []
    if rsp.requirements.schemas:
        problems.append("requirements.schemas: asked of a Crossplane that advertises no schemas capability")
    if not wanted and rsp.HasField("requirements"):
        problems.append("requirements: set although nothing needs them")
    return problems


def deliberate_problems(expected, actual, xr):
    """The deliberate differences hold the values they should (the parity cases set no tuning):
    the grant named per route namespace, the default cold-start waits on route and HTTPScaledObject,
    and a scale-to-zero App's startup probe (none on an App that does not go to zero)."""
    def manifest_of(resource):
        return ((resource.get("spec") or {}).get("forProvider") or {}).get("manifest") or {}
    want, got = manifest_of(expected), manifest_of(actual)
    problems = []
    kind = got.get("kind")
    if kind == "ReferenceGrant":
        namespace = ((got.get("spec") or {}).get("from") or [{}])[0].get("namespace")
        name = f"{(want.get('metadata') or {}).get('name')}.{namespace}"
        if (got.get("metadata") or {}).get("name") != name:
            problems.append(f"ReferenceGrant name: expected {name!r} (one per route namespace), got {(got.get('metadata') or {}).get('name')!r}")
    if kind == "HTTPRoute":
        for index, rule in enumerate((got.get("spec") or {}).get("rules") or []):
            to_interceptor = any(ref.get("namespace") == "keda" for ref in rule.get("backendRefs") or [])
            timeouts = rule.get("timeouts")
            if to_interceptor and timeouts != {"request": "75s"}:
                problems.append(f"HTTPRoute rules[{index}].timeouts: expected the cold-start wait {{request: 75s}}, got {timeouts}")
            if not to_interceptor and timeouts is not None:
                problems.append(f"HTTPRoute rules[{index}].timeouts: unexpected {timeouts} on a route that does not go to zero")
    if kind == "Deployment":
        spec = xr.get("spec") or {}
        to_zero = (spec.get("scaling") or {}).get("enabled") is True and spec.get("minReplicas") == 0
        port = spec.get("port", 80)
        wanted = {"httpGet": {"path": "/", "port": port}, "periodSeconds": 1, "failureThreshold": 100} if to_zero else None
        for container in (((got.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers") or []:
            if by_value(container.get("startupProbe")) != by_value(wanted):
                problems.append(f"Deployment startupProbe: expected {wanted}, got {container.get('startupProbe')}")
    if kind == "HTTPScaledObject":
        timeouts = (got.get("spec") or {}).get("timeouts")
        if timeouts != {"conditionWait": "60s", "responseHeader": "15s"}:
            problems.append(f"HTTPScaledObject spec.timeouts: expected {{conditionWait: 60s, responseHeader: 15s}}, got {timeouts}")
    return problems


def differences(expected, actual, path="", found=None, limit=10):
    found = [] if found is None else found
    if len(found) >= limit:
        return found
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            here = f"{path}.{key}" if path else key
            if key not in actual:
                found.append(f"{here}: missing")
            elif key not in expected:
                found.append(f"{here}: unexpected {short(actual[key])}")
            else:
                differences(expected[key], actual[key], here, found, limit)
    elif isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (e, a) in enumerate(zip(expected, actual)):
            differences(e, a, f"{path}[{index}]", found, limit)
    elif expected != actual:
        found.append(f"{path}: expected {short(expected)}, got {short(actual)}")
    return found


def short(value, width=100):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= width else text[:width] + "..."


def request(pb, case, later_step):
    xr = load(os.path.join(case, "xr.yaml" if later_step else "xr.raw.yaml"))
    req = pb.RunFunctionRequest()
    req.meta.tag = f"parity-{'later' if later_step else 'first'}-{os.path.basename(case)}"
    req.observed.composite.resource.CopyFrom(struct(xr))
    for name, resource in (load(os.path.join(case, "observed.yaml")) or {}).items():
        req.observed.resources[name].resource.CopyFrom(struct(resource))
    step_input = load(os.path.join(case, "input.yaml"))
    if step_input:
        req.input.CopyFrom(struct(step_input))
    if later_step:
        req.desired.resources[EARLIER_KEY].resource.CopyFrom(struct(EARLIER_RESOURCE))
        req.desired.resources[EARLIER_KEY].ready = pb.READY_TRUE
        req.desired.composite.resource.CopyFrom(struct({"apiVersion": xr["apiVersion"], "kind": xr["kind"], "status": EARLIER_STATUS}))
        req.context.CopyFrom(struct(CONTEXT))
    return req


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return yaml.safe_load(f)


def problems_of(pb, req, rsp, case, later_step):
    problems = []
    if rsp.meta.tag != req.meta.tag:
        problems.append(f"meta.tag: expected {req.meta.tag!r}, got {rsp.meta.tag!r}")
    fatal = [r.message for r in rsp.results if r.severity == pb.SEVERITY_FATAL]
    expected_error = load(os.path.join(case, "expected-error.yaml"))
    if expected_error:
        if not fatal:
            return problems + ["expected a Fatal result, got none"]
        problems += [f"the Fatal message does not mention {m!r}: {fatal[0]}" for m in expected_error.get("mentions", []) if m not in fatal[0]]
        return problems
    if fatal:
        return problems + [f"unexpected Fatal result: {fatal[0]}"]

    expected = load(os.path.join(case, "expected.yaml"))
    problems += requirement_problems(rsp, plain(req.observed.composite.resource), plain(req.input) if req.HasField("input") else {})
    resources = {name: plain(r.resource) for name, r in rsp.desired.resources.items()}
    if later_step:
        earlier = rsp.desired.resources.get(EARLIER_KEY)
        if earlier is None or by_value(plain(earlier.resource)) != by_value(EARLIER_RESOURCE) or earlier.ready != pb.READY_TRUE:
            problems.append(f"the earlier step's resource {EARLIER_KEY} did not come back unchanged")
        resources.pop(EARLIER_KEY, None)
        if by_value(plain(rsp.context)) != by_value(CONTEXT):
            problems.append("the context did not come back unchanged")
    wanted = expected.get("resources") or {}
    step_input = plain(req.input) if req.HasField("input") else {}
    proxy_problems, beyond_the_kcl = envoy_proxy_problems(plain(req.observed.composite.resource), step_input, wanted, resources)
    problems += proxy_problems
    observed = {key: plain(r.resource) for key, r in req.observed.resources.items()}
    autoscaling_problems, for_the_nodes = node_autoscaling_problems(
        plain(req.observed.composite.resource), step_input, wanted, resources, observed)
    problems += autoscaling_problems
    beyond_the_kcl = beyond_the_kcl | for_the_nodes
    for name in sorted(set(wanted) - set(resources)):
        problems.append(f"resource {name}: missing")
    for name in sorted(set(resources) - set(wanted) - beyond_the_kcl):
        problems.append(f"resource {name}: not composed by the KCL")
    for name in sorted(set(wanted) & set(resources)):
        problems += [f"resource {name}: {d}" for d in differences(comparable(wanted[name]), comparable(resources[name]))]
        problems += [f"resource {name}: {d}" for d in deliberate_problems(wanted[name], resources[name], plain(req.observed.composite.resource))]

    status = by_value(plain(rsp.desired.composite.resource).get("status") or {})
    expected_status = dict(expected.get("status") or {})
    if later_step:
        expected_status.update(EARLIER_STATUS)
    for key, value in expected_status.items():
        if key not in status:
            problems.append(f"status.{key}: missing")
        else:
            problems += [f"status.{d}" for d in differences(by_value(value), status[key], key)]
    return problems


def wait_for(address, seconds=30):
    host, port = address.rsplit(":", 1)
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing listens on {address} after {seconds}s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--api", choices=["v1", "v1beta1"], default="v1")
    parser.add_argument("--address", default="127.0.0.1:9443")
    parser.add_argument("--serve", help="start this server command first and stop it at the end")
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    cases = args.cases or [
        os.path.join(HERE, folder, name)
        for folder in ("cases", "infra")
        for name in sorted(os.listdir(os.path.join(HERE, folder)))]

    server = subprocess.Popen(shlex.split(args.serve)) if args.serve else None
    try:
        wait_for(args.address)
        pb, rpc = stubs(args.api)
        stub = rpc.FunctionRunnerServiceStub(grpc.insecure_channel(args.address))
        passed = failed = 0
        for case in cases:
            for later_step in (False, True):
                label = f"{os.path.basename(case)} ({'defaulted, later step' if later_step else 'raw, first step'})"
                req = request(pb, case, later_step)
                problems = problems_of(pb, req, stub.RunFunction(req, timeout=30), case, later_step)
                if problems:
                    failed += 1
                    print(f"FAIL {label}")
                    for problem in problems:
                        print(f"     {problem}")
                else:
                    passed += 1
                    print(f"PASS {label}")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        if server:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
