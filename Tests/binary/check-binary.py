#!/usr/bin/env python3
"""Drive the function-serverless binary as Crossplane does, with the Crossplane project's own Python
client (crossplane-function-sdk-python's generated stubs), and check the contract from the outside:

  - refuses to start with neither certificates nor --insecure, saying what to pass;
  - a request above --max-recv-message-size gets RESOURCE_EXHAUSTED and the server keeps serving;
  - two processes answer one request with the same bytes (deterministic map order);
  - v1 and v1beta1: echoes meta.tag, sets meta.ttl, passes an earlier step's resource and the
    context through byte for byte (canonical protobuf encoding), answers an XR of an unknown kind
    with a Fatal result naming App and Cluster rather than a gRPC error;
  - mTLS: serves a client whose certificate ca.crt signed; refuses a plaintext client, a TLS client
    without a certificate and one whose certificate another CA signed;
  - 1,000 calls in flight at once on one connection: every answer is the right one;
  - SIGTERM during a load run: the calls in flight complete, new connections are refused, exit 0;
  - Prometheus metrics on --metrics-address: calls by method and severity, a duration histogram;
  - gRPC health (grpc.health.v1, with grpcio-health-checking's stubs) on the function's port and on
    the plaintext --health-address: SERVING for the server and both RunFunction services, NOT_FOUND
    for another name, nothing but health on the health port, a Watch told NOT_SERVING on SIGTERM and
    then ended; behind mTLS, the health port still answers a plaintext probe;
  - `simulate`: the JSON fields docs/simulate.md documents, a sweep's recommendation, the SVG plot,
    and a refusal that names what to pass.

usage: scripts/py Tests/binary/check-binary.py BINARY
Exit status 1 when a check fails. Last line: 'N passed, M failed'.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("GRPC_VERBOSITY", "NONE")  # the refused handshakes are expected, not news
import grpc  # noqa: E402
from google.protobuf import duration_pb2  # noqa: E402
from grpc_health.v1 import health_pb2, health_pb2_grpc  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from crossplane_client import struct, stubs  # noqa: E402

TIMEOUT = 10
APP = {
    "apiVersion": "devopstoolkit.live/v1beta1",
    "kind": "App",
    "metadata": {"name": "silly-demo", "namespace": "a-team"},
    "spec": {"image": "ghcr.io/vfarcic/silly-demo", "tag": "1.0.0", "providerConfigName": "a-team"},
}
EARLIER = {
    "apiVersion": "example.org/v1",
    "kind": "Thing",
    "metadata": {"name": "from-an-earlier-step", "labels": {"keep": "me"}},
    "spec": {"list": [1, 2.5, "three", {"deep": [True, None]}], "empty": {}, "big": 9007199254740992},
}
CONTEXT = {"apiextensions.crossplane.io/environment": {"region": "eu-west-1", "tier": 2}}

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))




def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def canonical(message):
    return message.SerializeToString(deterministic=True)


class Server:
    """The binary on a free loopback port, stopped with SIGTERM."""

    def __init__(self, binary, *flags):
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.metrics_url = f"http://127.0.0.1:{free_port()}/metrics"
        metrics_address = self.metrics_url.removeprefix("http://").removesuffix("/metrics")
        env = {k: v for k, v in os.environ.items() if k != "TLS_SERVER_CERTS_DIR"}
        self.logs = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the server
        self.process = subprocess.Popen(
            [binary, "--address", self.address, "--metrics-address", metrics_address, *flags],
            env=env, stdout=subprocess.DEVNULL, stderr=self.logs,
        )
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not listen in time")

    def log(self):
        self.logs.seek(0)
        return self.logs.read().decode(errors="replace")

    def terminate(self):
        """SIGTERM; the exit status, or None when it did not exit in time."""
        self.process.send_signal(signal.SIGTERM)
        return self.wait()

    def wait(self):
        """The exit status, or None (and the process killed) when it did not exit in time."""
        try:
            return self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def run_function(channel, api, request):
    _, rpc = stubs(api)
    return rpc.FunctionRunnerServiceStub(channel).RunFunction(request, timeout=TIMEOUT)


def app_named(name):
    return dict(APP, metadata={"name": name, "namespace": "a-team"})


def later_step_request(api, xr, tag):
    pb, _ = stubs(api)
    request = pb.RunFunctionRequest()
    request.meta.tag = tag
    request.observed.composite.resource.CopyFrom(struct(xr))
    request.desired.resources["earlier-thing"].resource.CopyFrom(struct(EARLIER))
    request.context.CopyFrom(struct(CONTEXT))
    return request


def check_refuses_to_start(binary):
    env = {k: v for k, v in os.environ.items() if k != "TLS_SERVER_CERTS_DIR"}
    process = subprocess.run(
        [binary, "--address", f"127.0.0.1:{free_port()}"], env=env, capture_output=True, timeout=TIMEOUT, text=True
    )
    says = "--insecure" in process.stderr and "--tls-certs-dir" in process.stderr
    check("refuses to start without credentials, naming --tls-certs-dir and --insecure",
          process.returncode != 0 and says, f"exit {process.returncode}, stderr: {process.stderr.strip()}")


def check_contract(binary):
    server = Server(binary, "--insecure", "--ttl", "90s")
    with grpc.insecure_channel(server.address) as channel:
        for api in ("v1", "v1beta1"):
            request = later_step_request(api, APP, tag=f"tag-{api}")
            response = run_function(channel, api, request)
            check(f"{api}: echoes meta.tag", response.meta.tag == f"tag-{api}", response.meta.tag)
            check(f"{api}: sets meta.ttl", response.meta.ttl == duration_pb2.Duration(seconds=90), str(response.meta.ttl))
            check(f"{api}: passes an earlier step's resource through byte for byte",
                  canonical(response.desired.resources["earlier-thing"]) == canonical(request.desired.resources["earlier-thing"]))
            check(f"{api}: passes the context through byte for byte", canonical(response.context) == canonical(request.context))
            check(f"{api}: composes the App", "silly-demo-deployment" in response.desired.resources,
                  sorted(response.desired.resources))

            pb, _ = stubs(api)
            unknown = dict(APP, apiVersion="example.org/v1", kind="Database")
            request = later_step_request(api, unknown, tag="unknown")
            try:
                response = run_function(channel, api, request)
            except grpc.RpcError as error:
                check(f"{api}: unknown kind is a Fatal result, not a gRPC error", False, f"{error.code()}")
                continue
            fatal = [r.message for r in response.results if r.severity == pb.SEVERITY_FATAL]
            check(f"{api}: unknown kind is a Fatal result naming App and Cluster",
                  len(fatal) == 1 and "App" in fatal[0] and "Cluster" in fatal[0], str(fatal))
            check(f"{api}: a Fatal answer keeps the earlier step's resource",
                  canonical(response.desired.resources["earlier-thing"]) == canonical(request.desired.resources["earlier-thing"]))
    check("insecure: SIGTERM exits 0", server.terminate() == 0, f"exit {server.process.returncode}")


def check_in_flight_and_metrics(binary):
    server = Server(binary, "--insecure")
    pb, rpc = stubs("v1")
    with grpc.insecure_channel(server.address) as channel:
        stub = rpc.FunctionRunnerServiceStub(channel)
        requests = [later_step_request("v1", app_named(f"app-{i}"), tag=f"call-{i}") for i in range(1000)]
        futures = [stub.RunFunction.future(request, timeout=60) for request in requests]
        wrong = []
        for i, future in enumerate(futures):
            try:
                response = future.result()
            except grpc.RpcError as error:
                wrong.append(f"call {i}: {error.code()}")
                continue
            if response.meta.tag != f"call-{i}" or f"app-{i}-deployment" not in response.desired.resources:
                wrong.append(f"call {i}: tag {response.meta.tag}, {sorted(response.desired.resources)[:3]}")
        check("1,000 calls in flight: each answered with its own App", not wrong, "; ".join(wrong[:3]))

        unknown = later_step_request("v1", dict(APP, kind="Database"), tag="fatal")
        stub.RunFunction(unknown, timeout=TIMEOUT)

    text = urllib.request.urlopen(server.metrics_url, timeout=TIMEOUT).read().decode()
    v1 = 'method="apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction"'
    check("metrics: calls by method and severity",
          f'function_serverless_calls_total{{{v1},severity="none"}} 1000' in text
          and f'function_serverless_calls_total{{{v1},severity="fatal"}} 1' in text, text[:400])
    check("metrics: a duration histogram", "function_serverless_run_function_duration_seconds_count 1001" in text
          and "function_serverless_run_function_duration_seconds_bucket" in text)
    server.terminate()


def check_sigterm_under_load(binary):
    """Callers keep the server busy; SIGTERM lands mid-run. Every call the server took on (its debug
    log names each call's tag) must reach its caller with the right answer; calls that arrive after
    the signal may be refused. A connection opened after the signal is refused and the exit status
    is 0."""
    server = Server(binary, "--insecure", "--debug")
    _, rpc = stubs("v1")
    channel = grpc.insecure_channel(server.address)
    stub = rpc.FunctionRunnerServiceStub(channel)
    stub.RunFunction(later_step_request("v1", APP, tag="warm-up"), timeout=TIMEOUT)
    stop = threading.Event()

    def caller(n):
        """Batches of 50 calls in flight; the tags answered correctly, and the others' errors."""
        answered, refused, batch = set(), {}, 0
        while not stop.is_set():
            tags = [f"load-{n}-{batch}-{i}" for i in range(50)]
            futures = [stub.RunFunction.future(later_step_request("v1", app_named(tag), tag=tag), timeout=5) for tag in tags]
            for tag, future in zip(tags, futures):
                try:
                    response = future.result()
                    last_answer_at[n] = time.monotonic()
                    if response.meta.tag == tag and f"{tag}-deployment" in response.desired.resources:
                        answered.add(tag)
                    else:
                        refused[tag] = f"wrong answer {response.meta.tag}"
                except grpc.RpcError as error:
                    refused[tag] = str(error.code())
                    stop.set()
            batch += 1
        return answered, refused

    last_answer_at = [0.0] * 4
    with ThreadPoolExecutor(4) as pool:
        runs = [pool.submit(caller, n) for n in range(4)]
        time.sleep(1.0)
        server.process.send_signal(signal.SIGTERM)
        # The listener closes at once; the process lives on while the calls in flight finish. The
        # refusal counts if the process was still there after it, or if answers still arrived after
        # it (the drain can end, and the process exit, between the refused connect and poll()).
        refused_at = None
        deadline = time.time() + TIMEOUT
        while time.time() < deadline and server.process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
                time.sleep(0.001)
            except OSError:
                refused_at = time.monotonic()
                still_running = server.process.poll() is None
                break
        stop.set()
        results = [run.result() for run in runs]
    refused_while_running = refused_at is not None and (still_running or max(last_answer_at) > refused_at)
    channel.close()
    status = server.wait()
    answered = set().union(*(r[0] for r in results))
    not_answered = {tag: why for r in results for tag, why in r[1].items()}
    taken_on = set(re.findall(r" tag=(load-\S+)", server.log()))
    cut_short = {tag: why for tag, why in not_answered.items() if tag in taken_on}
    check(f"SIGTERM under load: every call the server took on was answered ({len(answered)} answered, "
          f"{len(not_answered) - len(cut_short)} refused before they started, {len(cut_short)} cut short)",
          answered and not cut_short and answered <= taken_on, str(list(cut_short.items())[:3]))
    check("SIGTERM under load: new connections refused while calls finish", refused_while_running,
          "never refused" if refused_at is None else "refused only once the calls had finished and the process had gone")
    check("SIGTERM under load: exits 0", status == 0, f"exit {status}")


def check_same_bytes_across_processes(binary):
    """Map entries in a fixed order: two processes (two replicas) answer one request with the same
    bytes, whatever order each process's hashing gives its dictionaries."""
    request = later_step_request("v1", dict(APP, spec=dict(APP["spec"], routing="gateway-api")), "same-bytes")
    answers = []
    for _ in range(2):
        server = Server(binary, "--insecure")
        with grpc.insecure_channel(server.address) as channel:
            raw = channel.unary_unary(
                "/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction",
                request_serializer=lambda message: message.SerializeToString(),
                response_deserializer=lambda data: data)
            answers.append(raw(request, timeout=TIMEOUT))
        server.terminate()
    check("two processes answer one request with the same bytes", answers[0] == answers[1],
          f"{len(answers[0])} and {len(answers[1])} bytes, different")


def check_requirements_loop(binary):
    """Crossplane's requirements loop over real gRPC: the first call composes and asks for the App the
    backend wakes with; the second, answered, composes with the same requirements."""
    server = Server(binary, "--insecure")
    backend = dict(APP, metadata={"name": "env-backend", "namespace": "a-team"},
                   spec=dict(APP["spec"], routing="none", minReplicas=0, scaling={"enabled": True, "wakeWith": "env-frontend"}))
    frontend = dict(APP, metadata={"name": "env-frontend", "namespace": "a-team"},
                    spec=dict(APP["spec"], routing="gateway-api", minReplicas=0, scaling={"enabled": True}))
    with grpc.insecure_channel(server.address) as channel:
        for api in ("v1", "v1beta1"):
            pb, _ = stubs(api)
            request = later_step_request(api, backend, tag=f"requirements-{api}")
            request.meta.capabilities.extend([pb.CAPABILITY_CAPABILITIES, pb.CAPABILITY_REQUIRED_RESOURCES])
            first = run_function(channel, api, request)
            selector = first.requirements.resources.get("wake-with")
            check(f"{api}: the first call composes and asks for the App it wakes with",
                  not first.results and "env-backend-scaled-object" in first.desired.resources and selector is not None
                  and selector.match_name == "env-frontend" and selector.namespace == "a-team"
                  and selector.api_version == "devopstoolkit.live/v1beta1" and selector.kind == "App",
                  f"results {list(first.results)}, requirements {first.requirements}")
            for name in first.requirements.resources:
                found = request.required_resources[name]
                if name == "wake-with":
                    found.items.add().resource.CopyFrom(struct(frontend))
            second = run_function(channel, api, request)
            consistent = [c for c in second.conditions if c.type == "ScalingConsistent"]
            check(f"{api}: answered, it composes with the same requirements",
                  not second.results and second.requirements == first.requirements
                  and sorted(second.desired.resources) == sorted(first.desired.resources)
                  and consistent and consistent[0].status == pb.STATUS_CONDITION_TRUE,
                  f"results {list(second.results)}, conditions {list(second.conditions)}")
    check("requirements: SIGTERM exits 0", server.terminate() == 0, f"exit {server.process.returncode}")


def make_certificates(folder):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "make-test-certificates.sh")
    subprocess.run(["/bin/sh", script, folder], check=True)


def check_request_limit(binary):
    server = Server(binary, "--insecure", "--max-recv-message-size", "1")
    with grpc.insecure_channel(server.address, options=[("grpc.max_send_message_length", 16 << 20)]) as channel:
        big = later_step_request("v1", dict(APP, padding="x" * (2 << 20)), tag="big")
        try:
            run_function(channel, "v1", big)
            check("a request above --max-recv-message-size gets RESOURCE_EXHAUSTED", False, "it was answered")
        except grpc.RpcError as error:
            check("a request above --max-recv-message-size gets RESOURCE_EXHAUSTED",
                  error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, f"{error.code()} {error.details()}")
        response = run_function(channel, "v1", later_step_request("v1", APP, tag="after"))
        check("the server keeps serving after an oversize request", response.meta.tag == "after")
    server.terminate()


def check_mutual_tls(binary):
    with tempfile.TemporaryDirectory() as folder:
        make_certificates(folder)
        read = lambda name: open(os.path.join(folder, name), "rb").read()
        health_address = f"127.0.0.1:{free_port()}"
        server = Server(binary, "--tls-certs-dir", os.path.join(folder, "server"), "--health-address", health_address)
        target = f"localhost:{server.port}"

        def answers(channel):
            try:
                run_function(channel, "v1", later_step_request("v1", APP, tag="mtls"))
                return True, ""
            except grpc.RpcError as error:
                return False, str(error.code())

        clients = {
            "serves a client whose certificate ca.crt signed": (
                grpc.ssl_channel_credentials(read("crossplane-ca.crt"), read("client.key"), read("client.crt")), True),
            "refuses a TLS client without a certificate": (
                grpc.ssl_channel_credentials(read("crossplane-ca.crt")), False),
            "refuses a client whose certificate another CA signed": (
                grpc.ssl_channel_credentials(read("crossplane-ca.crt"), read("foreign-client.key"), read("foreign-client.crt")), False),
        }
        for name, (credentials, expected) in clients.items():
            with grpc.secure_channel(target, credentials) as channel:
                ok, detail = answers(channel)
                check(f"mTLS: {name}", ok == expected, detail)
        with grpc.insecure_channel(target) as channel:
            ok, detail = answers(channel)
            check("mTLS: refuses a plaintext client", not ok, detail)
        credentials = grpc.ssl_channel_credentials(read("crossplane-ca.crt"), read("client.key"), read("client.crt"))
        with grpc.secure_channel(target, credentials) as channel:
            status = health_once_listening(channel)
            check("mTLS: health on the function's port, for a client with a certificate", status == SERVING, str(status))
        with grpc.insecure_channel(health_address) as channel:
            status = health_once_listening(channel)
            check("mTLS: the health port answers a plaintext probe (as the kubelet's is)", status == SERVING, str(status))
        check("mTLS: SIGTERM exits 0", server.terminate() == 0, f"exit {server.process.returncode}")


FUNCTION_SERVICES = ["apiextensions.fn.proto.v1.FunctionRunnerService", "apiextensions.fn.proto.v1beta1.FunctionRunnerService"]
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


def health_check(channel, service=""):
    """The status, or the gRPC error code's name."""
    try:
        return health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=TIMEOUT).status
    except grpc.RpcError as error:
        return error.code().name


def health_once_listening(channel, service=""):
    """The status once the port answers SERVING, or the last answer after TIMEOUT: the server marks
    itself SERVING just after it starts listening."""
    deadline = time.time() + TIMEOUT
    while True:
        status = health_check(channel, service)
        if status == SERVING or time.time() > deadline:
            return status
        time.sleep(0.05)


def check_health(binary):
    health_address = f"127.0.0.1:{free_port()}"
    server = Server(binary, "--insecure", "--health-address", health_address)
    with grpc.insecure_channel(health_address) as channel:
        health_once_listening(channel)
    with grpc.insecure_channel(server.address) as channel:
        statuses = {name: health_check(channel, name) for name in ["", *FUNCTION_SERVICES]}
        check("health: SERVING for the server and both RunFunction services on the function's port",
              all(status == SERVING for status in statuses.values()), str(statuses))
        unknown = health_check(channel, "some.other.Service")
        check("health: NOT_FOUND for a service the server does not name", unknown == "NOT_FOUND", str(unknown))
    with grpc.insecure_channel(health_address) as channel:
        status = health_check(channel)
        check("health: SERVING on the plaintext health port", status == SERVING, str(status))
        try:
            run_function(channel, "v1", later_step_request("v1", APP, tag="health-port"))
            code = "OK"
        except grpc.RpcError as error:
            code = error.code().name
        check("health: the health port serves nothing else", code == "UNIMPLEMENTED", code)
        watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service=""), timeout=TIMEOUT)
        first = next(watch).status
        check("health: a Watch starts with SERVING", first == SERVING, str(first))
        unknown_watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service="x.Y"), timeout=TIMEOUT)
        first_unknown = next(unknown_watch).status
        check("health: a Watch of an unknown service gets SERVICE_UNKNOWN",
              first_unknown == health_pb2.HealthCheckResponse.SERVICE_UNKNOWN, str(first_unknown))
        server.process.send_signal(signal.SIGTERM)
        rest, ended = [], "still open"
        try:
            rest = [message.status for message in watch]
            ended = "OK"
        except grpc.RpcError as error:
            ended = error.code().name
        check("health: on SIGTERM a Watch is told NOT_SERVING, then ends", rest == [NOT_SERVING] and ended == "OK",
              f"{rest}, {ended}")
        unknown_watch.cancel()
    status = server.wait()
    check("health: SIGTERM with Watches open exits 0", status == 0, f"exit {status}")


def check_simulate(binary):
    import json
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    app = os.path.join(root, "examples", "app", "app-scale-to-zero.yaml")
    trace = os.path.join(root, "examples", "traces", "office-hours.csv")
    run = subprocess.run([binary, "simulate", app, "--trace", trace, "--output", "json"], capture_output=True, text=True)
    report = json.loads(run.stdout) if run.returncode == 0 else {}
    fields = {"requests", "coldStarts", "lost", "waitSeconds", "podSeconds", "alwaysOnPodSeconds"}
    check("simulate: the JSON report has the documented fields", fields <= set(report)
          and set(report.get("waitSeconds", {})) == {"p50", "p95", "p99", "max"}, run.stderr or sorted(report))
    with tempfile.TemporaryDirectory() as folder:
        plot = os.path.join(folder, "sweep.svg")
        run = subprocess.run([binary, "simulate", app, "--trace", trace, "--sweep", "scaleToZeroAfter=5m,15m",
                              "--recommend", "--max-cold", "2%", "--output", "json", "--plot", plot],
                             capture_output=True, text=True)
        report = json.loads(run.stdout) if run.returncode == 0 else {}
        check("simulate: a sweep recommends a value within the budget", report.get("recommended") == "15m",
              run.stderr or report.get("recommended"))
        svg = open(plot).read() if os.path.exists(plot) else ""
        check("simulate: --plot writes an SVG", svg.startswith("<svg") and svg.rstrip().endswith("</svg>"), svg[:80])
    run = subprocess.run([binary, "simulate", app], capture_output=True, text=True)
    check("simulate: without --trace it fails, saying what to pass",
          run.returncode != 0 and "--trace FILE is required" in run.stderr, run.stderr)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    check_refuses_to_start(binary)
    check_contract(binary)
    check_requirements_loop(binary)
    check_same_bytes_across_processes(binary)
    check_request_limit(binary)
    check_mutual_tls(binary)
    check_in_flight_and_metrics(binary)
    check_health(binary)
    check_sigterm_under_load(binary)
    check_simulate(binary)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
