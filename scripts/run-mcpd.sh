#!/usr/bin/env bash
# Builds and starts mcpd on plain HTTP (default http://127.0.0.1:8080). Extra arguments go
# to mcpd, e.g. scripts/run-mcpd.sh --listen 127.0.0.1:9000 --log-level debug
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh
exec build/mcpd/mcpd "$@"
