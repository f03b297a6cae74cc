#!/usr/bin/env bash
# Builds certd and mcpd (the project's default RelWithDebInfo: -O2, assertions off) and
# installs them, stripped, with their systemd units, under PREFIX:
#   PREFIX/bin/certd, PREFIX/bin/mcpd
#   PREFIX/lib/systemd/system/{certd,mcpd}.service   (ExecStart points into PREFIX/bin)
#   PREFIX/lib/sysusers.d/certmcp.conf, PREFIX/share/certmcp/{runtime-packages.txt,*.env}
# The documentation corpus is compiled into mcpd, so the binaries need nothing else but the
# shared libraries of the Debian packages in packaging/runtime-packages.txt.
#   scripts/install.sh PREFIX               e.g. /usr/local, or /opt/certmcp in the images
# CERTMCP_BUILD_DIR (default: build) picks the build tree, so a test can reuse its own;
# CERTMCP_CMAKE_ARGS adds options when that tree is configured here (the images' build stage
# passes -DCERTMCP_TESTS=OFF).
# Build packages first: scripts/deps.sh.
set -euo pipefail
prefix=${1:?usage: scripts/install.sh PREFIX}
cd "$(dirname "$0")/.."
build=${CERTMCP_BUILD_DIR:-build}

if [[ ! -f "$build/build.ninja" ]]; then
  # shellcheck disable=SC2086  # word splitting of the options is intended
  cmake -S . -B "$build" -G Ninja ${CERTMCP_CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$build" --target certd mcpd -- -j"$(nproc)"
cmake --install "$build" --prefix "$prefix" --strip
