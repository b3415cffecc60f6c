# Multi-stage: build a release binary with the Swift stdlib linked in statically, then ship it alone
# on a small base. Crossplane appends flags (--insecure, --tls-certs-dir ...) to the entrypoint.
FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
# -Xlinker -s strips the symbols: about 24 MB instead of 100.
RUN swift build -c release --static-swift-stdlib -Xlinker -s --product function-serverless \
 && cp "$(swift build -c release --show-bin-path)/function-serverless" /function

FROM debian:bookworm-slim
# Foundation's networking and ICU-free runtime still need these shared libraries at run time.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libcurl4 libxml2 tzdata \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /function /function
# Crossplane runs function pods as UID/GID 2000.
USER 2000:2000
# gRPC for Crossplane; Prometheus metrics at /metrics.
EXPOSE 9443 8080
ENTRYPOINT ["/function"]
