# Multi-stage: build a release binary with the Swift stdlib linked in statically, then ship it alone
# on a small base. Crossplane passes no flags (it sets TLS_SERVER_CERTS_DIR); a DeploymentRuntimeConfig
# may add args.
FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
# -Xlinker -s strips the symbols (86 MB stripped, most of it Foundation's ICU data).
RUN swift build -c release --static-swift-stdlib -Xlinker -s --product function-serverless \
 && cp "$(swift build -c release --show-bin-path)/function-serverless" /function

# Nothing to install: with the Swift runtime and Foundation (ICU data included) linked in, `ldd` lists
# only libc, libm, libstdc++, libgcc_s, libz and the loader, all in the base image (apt and dpkg
# need them). No CA bundle: the server's only TLS peer is Crossplane, verified against ca.crt.
FROM debian:bookworm-slim
# Owned by the user it runs as: once listening, the server gives the kernel back the
# pages of its binary that only start-up touched (StartupPages), which Linux allows only the file's
# owner (madvise MADV_PAGEOUT, can_do_file_pageout).
COPY --from=build --chown=2000:2000 /function /function
# Crossplane runs function pods as UID/GID 2000.
USER 2000:2000
# gRPC for Crossplane; Prometheus metrics at /metrics.
EXPOSE 9443 8080
ENTRYPOINT ["/function"]
