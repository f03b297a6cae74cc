#!/usr/bin/env bash
# Builds and starts mcpd on plain HTTP (default http://127.0.0.1:8080). Extra arguments go
# to mcpd, relative to the current directory, e.g.
#   scripts/run-mcpd.sh --listen 127.0.0.1:9000 --docs ./my-docs --log-level debug
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/deps.sh"
bash "$root/scripts/build.sh" >&2
exec "$root/build/mcpd/mcpd" "$@"
