#!/usr/bin/env bash
# Developer tool (not a CTest test): runs sdk_client_check.mjs with --peer against the SDK-based
# reference peer, to validate the harness itself while mcpd cannot answer MCP yet.
#   bash tests/js/peer_smoke.sh [PEER_SRC]
# PEER_SRC defaults to /work/shared/reference/mcp-peer; it is copied (read-only sources are fine)
# to $PEER_WORK (default ${TMPDIR:-/tmp}/mcpd-peer-smoke) where `npm install` runs once.
# The peer is started on a free port in three modes (SSE-framed replies, --json, --stateless --json),
# each checked over both transports, and stopped by PID.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
peer_src=${1:-/work/shared/reference/mcp-peer}
peer_work=${PEER_WORK:-${TMPDIR:-/tmp}/mcpd-peer-smoke}
peer_pid=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/peer-smoke-XXXXXX")

cleanup() {
  if [[ -n "$peer_pid" ]]; then
    kill "$peer_pid" 2>/dev/null || true
    wait "$peer_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

die() {
  echo "peer_smoke: $*" >&2
  exit 1
}

[[ -f "$peer_src/peer-docs-server.mjs" ]] || die "no peer-docs-server.mjs in $peer_src"
bash "$here/install.sh"

mkdir -p "$peer_work"
if ! cmp -s "$peer_src/package.json" "$peer_work/package.json" || [[ ! -d "$peer_work/node_modules" ]]; then
  rm -rf "$peer_work/node_modules" "$peer_work/package-lock.json"
  npm_install=1
fi
for f in "$peer_src"/*.mjs "$peer_src/package.json"; do
  install -m 0644 "$f" "$peer_work/"
done
if [[ -n "${npm_install:-}" ]]; then
  (cd "$peer_work" && npm install --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1) ||
    { cat "$tmp/npm.log" >&2; die "npm install failed in $peer_work"; }
fi

node "$peer_work/gen-corpus.mjs" --n 50 --out "$tmp/corpus.json" >/dev/null 2>&1 || die "gen-corpus failed"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

for mode in "" "--json" "--stateless --json"; do
  port=$(free_port)
  log="$tmp/peer-$port.log"
  # shellcheck disable=SC2086 # mode is a list of flags
  node "$peer_work/peer-docs-server.mjs" --port "$port" --corpus "$tmp/corpus.json" $mode >"$log" 2>&1 &
  peer_pid=$!
  deadline=$((SECONDS + 20))
  until grep -q 'listening on' "$log"; do
    kill -0 "$peer_pid" 2>/dev/null || die "peer exited: $(cat "$log")"
    ((SECONDS < deadline)) || die "peer not listening after 20 s: $(cat "$log")"
    sleep 0.1
  done
  echo "# peer pid $peer_pid on port $port, mode: ${mode:-default (SSE-framed replies)}"
  for transport in streamable sse; do
    node "$here/sdk_client_check.mjs" --url "http://127.0.0.1:$port" --transport "$transport" \
      --query transport --peer --expect-version 2025-11-25 ||
      die "check failed over $transport (mode '${mode}'); peer log: $(tail -n 20 "$log")"
  done
  kill -TERM "$peer_pid"
  wait "$peer_pid" || die "peer exited with status $? after SIGTERM"
  peer_pid=
done
echo "peer_smoke: all checks passed"
