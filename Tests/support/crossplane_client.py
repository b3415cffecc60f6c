"""What the Python test tools share: Crossplane's generated RunFunction client (from
crossplane-function-sdk-python) for either service version, and JSON -> protobuf Struct."""
from google.protobuf import struct_pb2


def stubs(api):
    """The message and service modules of `apiextensions.fn.proto.<api>` (v1 or v1beta1)."""
    if api == "v1":
        from crossplane.function.proto.v1 import run_function_pb2 as pb
        from crossplane.function.proto.v1 import run_function_pb2_grpc as rpc
    else:
        from crossplane.function.proto.v1beta1 import run_function_pb2 as pb
        from crossplane.function.proto.v1beta1 import run_function_pb2_grpc as rpc
    return pb, rpc


def struct(obj):
    s = struct_pb2.Struct()
    s.update(obj)
    return s
