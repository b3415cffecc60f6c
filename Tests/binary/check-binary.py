#!/usr/bin/env python3
"""Drive the function-serverless binary as Crossplane does, with the Crossplane project's own Python
client (crossplane-function-sdk-python's generated stubs), and check the contract from the outside:

  - refuses to start with neither certificates nor --insecure, saying what to pass;
  - v1 and v1beta1: echoes meta.tag, sets meta.ttl, passes an earlier step's resource and the
    context through byte for byte (canonical protobuf encoding), answers an XR of an unknown kind
    with a Fatal result naming App and Cluster rather than a gRPC error;
  - mTLS: serves a client whose certificate ca.crt signed; refuses a plaintext client, a TLS client
    without a certificate and one whose certificate another CA signed;
  - SIGTERM: exits 0.

usage: ../shared/tools/py Tests/binary/check-binary.py BINARY
Exit status 1 when a check fails. Last line: 'N passed, M failed'.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("GRPC_VERBOSITY", "NONE")  # the refused handshakes are expected, not news
import grpc  # noqa: E402
from google.protobuf import duration_pb2, struct_pb2  # noqa: E402

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


def stubs(api):
    if api == "v1":
        from crossplane.function.proto.v1 import run_function_pb2 as pb, run_function_pb2_grpc as rpc
    else:
        from crossplane.function.proto.v1beta1 import run_function_pb2 as pb, run_function_pb2_grpc as rpc
    return pb, rpc


def struct(obj):
    s = struct_pb2.Struct()
    s.update(obj)
    return s


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
        env = {k: v for k, v in os.environ.items() if k != "TLS_SERVER_CERTS_DIR"}
        self.process = subprocess.Popen(
            [binary, "--address", self.address, *flags], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not listen in time")

    def terminate(self):
        """SIGTERM; the exit status, or None when it did not exit in time."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def run_function(channel, api, request):
    _, rpc = stubs(api)
    return rpc.FunctionRunnerServiceStub(channel).RunFunction(request, timeout=TIMEOUT)


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


def make_certificates(folder):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "make-test-certificates.sh")
    subprocess.run(["/bin/sh", script, folder], check=True)


def check_mutual_tls(binary):
    with tempfile.TemporaryDirectory() as folder:
        make_certificates(folder)
        read = lambda name: open(os.path.join(folder, name), "rb").read()
        server = Server(binary, "--tls-certs-dir", os.path.join(folder, "server"))
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
        check("mTLS: SIGTERM exits 0", server.terminate() == 0, f"exit {server.process.returncode}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    check_refuses_to_start(binary)
    check_contract(binary)
    check_mutual_tls(binary)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
