# Container images for certd and mcpd, plus a test CA for compose.yaml's `pebble` profile.
# One build stage, four targets (docs/deploy.md):
#   docker build --target certd  -t certmcp/certd .
#   docker build --target mcpd   -t certmcp/mcpd .
#   docker build --target netns  -t certmcp/netns .      (holds certd's network namespace)
#   docker build --target pebble -t certmcp/pebble .     (tests only: Pebble + challtestsrv)
# podman builds them too, with `--format docker` (the OCI format has no HEALTHCHECK).
# Every RUN is one of the project's scripts, and tests run each of them outside a container
# too: scripts/deps.sh (CI), scripts/install.sh and packaging/image-setup.sh
# (tests/packaging/install_test.sh), packaging/pebble/pebble-start.sh
# (tests/packaging/pebble_profile_test.sh); tests/packaging/compose_stack_test.sh builds
# and runs them all.
# Layers change least-often first: the apt layers are rebuilt only when the scripts that
# name the packages change, the compile only when the sources it reads do (not for an edit
# of compose.yaml, the tests or this file's later stages).
ARG DEBIAN_IMAGE=debian:bookworm-slim

# Build: the compiler and -dev packages, then a stripped release install into /opt/certmcp.
FROM ${DEBIAN_IMAGE} AS build
WORKDIR /src
COPY scripts/deps.sh scripts/
RUN bash scripts/deps.sh
COPY CMakeLists.txt README.md ./
COPY scripts/install.sh scripts/
COPY packaging/CMakeLists.txt packaging/runtime-packages.txt packaging/
COPY packaging/systemd packaging/systemd
COPY shared shared
COPY certd certd
COPY mcpd mcpd
COPY docs docs
RUN bash scripts/install.sh /opt/certmcp -DCERTMCP_TESTS=OFF -DCERTMCP_UNITY=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG"

# Runtime base: only the packages of packaging/runtime-packages.txt (the owners of the
# binaries' shared libraries, checked with ldd by the install test, and ca-certificates),
# the unprivileged user certmcp (uid 10001, the same in both images so mcpd can read the
# 0600 key certd writes), and the mount points /certs, /var/lib/certd and /docs.
FROM ${DEBIAN_IMAGE} AS runtime
ARG DEBIAN_IMAGE
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.vendor="certmcp" \
      org.opencontainers.image.documentation="docs/deploy.md in the source tree" \
      org.opencontainers.image.base.name="${DEBIAN_IMAGE}"
COPY packaging/image-setup.sh packaging/runtime-packages.txt /tmp/packaging/
RUN bash /tmp/packaging/image-setup.sh / && rm -rf /tmp/packaging
COPY --from=build /opt/certmcp/bin/ /opt/certmcp/bin/
ENV PATH=/opt/certmcp/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USER 10001:10001

# certd. Port 80 for HTTP-01: certd listens on 8080 inside and compose publishes 80:8080.
# Chosen over `setcap cap_net_bind_service` on the binary: nothing in the image needs a
# capability (so it also runs with `--cap-drop ALL` and no-new-privileges, under rootless
# engines, and on file systems that drop xattrs in COPY), and the port mapping is plain to see.
FROM runtime AS certd
LABEL org.opencontainers.image.title="certd" \
      org.opencontainers.image.description="ACME (Let's Encrypt) certificate daemon: keeps certificates valid in a shared certs directory"
ENV CERTD_CERTS_DIR=/certs \
    CERTD_STATE_DIR=/var/lib/certd \
    CERTD_ACME_PORT=8080
EXPOSE 8080
# Healthy once every configured certificate is present, valid and not overdue (a few
# milliseconds of reading files). The start period covers the first order and its retries.
HEALTHCHECK --interval=10s --timeout=10s --start-period=10m --retries=3 CMD ["certd", "status"]
ENTRYPOINT ["certd"]
CMD ["run"]

# mcpd. HTTPS on 8443 (its default with a domain, on every address: dual-stack where the
# kernel has IPv6, IPv4 otherwise, as under Docker's default networks); compose publishes
# 443:8443. The healthcheck is `mcpd healthcheck`, a GET of /readyz on the plain health
# listener, which this image puts on loopback: the runtime has no curl, and adding it
# (libcurl and its dependencies) for one request is more than the few lines of that subcommand.
# Documentation: mount a Markdown folder or an index.json at /docs and set MCPD_DOCS=/docs
# (or MCPD_DOCS=https://...); without MCPD_DOCS mcpd serves its built-in documentation.
# /docs is not declared a VOLUME: an anonymous volume there would be empty on every run.
FROM runtime AS mcpd
LABEL org.opencontainers.image.title="mcpd" \
      org.opencontainers.image.description="MCP documentation server (Streamable HTTP and HTTP+SSE) with TLS from certd's certificates"
ENV MCPD_CERTS_DIR=/certs \
    MCPD_HEALTH_LISTEN=127.0.0.1:9090
EXPOSE 8443
HEALTHCHECK --interval=10s --timeout=10s --start-period=10m --retries=3 CMD ["mcpd", "healthcheck"]
ENTRYPOINT ["mcpd"]
CMD ["run"]

# The holder of certd's network namespace in compose.yaml (what a Kubernetes pod's pause
# container is): a process that only sleeps, so it never restarts, and the namespace that
# certd and the pebble profile's services join outlives a restart or re-creation of certd.
# Nothing but the base image; SIGKILL stops it at once (it holds no state).
FROM ${DEBIAN_IMAGE} AS netns
ARG DEBIAN_IMAGE
LABEL org.opencontainers.image.title="certmcp-netns" \
      org.opencontainers.image.description="Holds certd's network namespace and published port in compose.yaml" \
      org.opencontainers.image.base.name="${DEBIAN_IMAGE}"
USER 65534:65534
STOPSIGNAL SIGKILL
ENTRYPOINT ["sleep", "infinity"]

# Pebble 2.4.0 and pebble-challtestsrv from Debian, for compose.yaml's `pebble` profile.
# Not for production: a CA whose keys are made up at every start.
FROM ${DEBIAN_IMAGE} AS pebble
ARG DEBIAN_IMAGE
LABEL org.opencontainers.image.title="certmcp-pebble" \
      org.opencontainers.image.description="Pebble test ACME CA and mock DNS (Debian packages) for the compose pebble profile" \
      org.opencontainers.image.base.name="${DEBIAN_IMAGE}"
COPY scripts/deps.sh /tmp/deps.sh
RUN bash /tmp/deps.sh --pebble && rm -rf /var/lib/apt/lists/* /tmp/deps.sh
COPY packaging/pebble/pebble-start.sh /usr/local/bin/pebble-start
CMD ["pebble-start"]
