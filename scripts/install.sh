#!/usr/bin/env bash
# Builds certd and mcpd (the project's default RelWithDebInfo: -O2, assertions off) and
# installs them, stripped, with their systemd units, under PREFIX:
#   PREFIX/bin/certd, PREFIX/bin/mcpd
#   PREFIX/lib/systemd/system/{certd,mcpd}.service   (ExecStart points into PREFIX/bin)
#   PREFIX/lib/sysusers.d/certmcp.conf, PREFIX/share/certmcp/{runtime-packages.txt,*.env}
# The documentation corpus is compiled into mcpd, so the binaries need nothing else but the
# shared libraries of the Debian packages in packaging/runtime-packages.txt.
#   scripts/install.sh PREFIX [CMAKE_OPTION...]   e.g. /usr/local, or /opt/certmcp in the images
# CERTMCP_BUILD_DIR (default: build) picks the build tree, so a test can reuse its own. The
# CMAKE_OPTIONs apply when that tree is configured here: the images' build stage leaves the
# tests out and compiles without debug information (the binaries are stripped anyway).
# Build packages first: scripts/deps.sh.
set -euo pipefail
prefix=${1:?usage: scripts/install.sh PREFIX [CMAKE_OPTION...]}
shift
cd "$(dirname "$0")/.."
build=${CERTMCP_BUILD_DIR:-build}

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S . -B "$build" -G Ninja "$@" >/dev/null
fi
cmake --build "$build" --target certd mcpd -- -j"$(nproc)"
cmake --install "$build" --prefix "$prefix" --strip
