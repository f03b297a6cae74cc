#!/usr/bin/env bash
# mcpd against the reference peer (a docs server on the official MCP TypeScript SDK, in
# bench/peer/) on the same generated corpus, in one run, printing a table. Not a test.
#
#   bash bench/mcpd_vs_peer.sh [path/to/mcpd]     (default: build/mcpd/mcpd)
#   SEARCH_ONLY=1 DURATION=5s bash bench/mcpd_vs_peer.sh   (search rows only, 5 s runs)
#
# Servers are pinned to core 0 and the load generators to core 1 (taskset), as on the
# 2-core machine the targets were set on. Measures: search requests/s and latency over
# Streamable HTTP at 1, 8 and 64 connections (wrk + peer/mcp.lua), with 30 rotating queries
# (what the servers' caches hold) and with a query never asked before on every request
# ("uncached": three words of the corpus vocabulary, mcp.lua's `distinct`), for mcpd both in
# a 2025-11-25 session and statelessly in MCP 2026-07-28 (no session; the ratio column of
# the 2026 rows compares with mcpd's session path, measured right before it); 10,000 idle legacy SSE
# sessions and the server's RSS per session (peer/sse-idle.mjs); time from exec to the
# first answered initialize, with the built-in corpus (mcpd) and with the 2,000-doc corpus.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MCPD=${1:-$root/build/mcpd/mcpd}
DURATION=${DURATION:-10s}
SSE_N=${SSE_N:-10000}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench needs wrk (apt-get install wrk)" >&2; exit 1; }
(cd "$here/peer" && [[ -d node_modules ]] || npm ci --no-audit --no-fund >/dev/null)
node "$here/peer/gen-corpus.mjs" --n 2000 --out "$work/corpus.json" >/dev/null
ulimit -n 65536 2>/dev/null || ulimit -n 20000

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_port() { for _ in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.05; done; echo "port $1 never opened" >&2; exit 1; }

# first_initialize LABEL CMD...: ms from exec to the first answered initialize on $PORT.
first_initialize() {
  local label=$1; shift
  local start end pid
  start=$(date +%s%N)
  "$@" >"$work/$label.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until curl -s -o /dev/null -m 1 -X POST "http://127.0.0.1:$PORT/mcp" -H 'Accept: application/json, text/event-stream' \
      -H 'Content-Type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'; do
    kill -0 "$pid" 2>/dev/null || { echo "$label died: $(cat "$work/$label.log")" >&2; exit 1; }
  done
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

declare -A result
PORT=$(free_port); result[start_mcpd_builtin]=$(first_initialize mcpd-builtin taskset -c 0 "$MCPD" --listen "127.0.0.1:$PORT")
PORT=$(free_port); result[start_mcpd_2000]=$(first_initialize mcpd-2000 taskset -c 0 "$MCPD" --listen "127.0.0.1:$PORT" --docs "$work/corpus.json")
PORT=$(free_port); result[start_peer_2000]=$(first_initialize peer-2000 taskset -c 0 node "$here/peer/peer-docs-server.mjs" --port "$PORT" --json --corpus "$work/corpus.json")

start_server() {  # start_server NAME PORT CMD... ; sets SERVER_PID
  local name=$1 port=$2; shift 2
  "$@" >"$work/$name.log" 2>&1 &
  SERVER_PID=$!
  pids+=("$SERVER_PID")
  wait_port "$port"
}

mcpd_port=$(free_port)
start_server mcpd "$mcpd_port" taskset -c 0 "$MCPD" --listen "127.0.0.1:$mcpd_port" --docs "$work/corpus.json" \
  --limits-sessions-per-client 100000 --limits-sessions 100000 --log-level warn
mcpd_pid=$SERVER_PID
peer_port=$(free_port)
start_server peer "$peer_port" taskset -c 0 node "$here/peer/peer-docs-server.mjs" --port "$peer_port" --json --corpus "$work/corpus.json"
peer_pid=$SERVER_PID

wrk_run() {  # wrk_run PORT CONNECTIONS [search|distinct|search-stateless] -> WRKJSON object
  local sid=- op=${3:-search}
  [[ "$op" != search-stateless ]] && sid=$("$here/peer/mcp-session.sh" "http://127.0.0.1:$1/mcp")
  taskset -c 1 wrk -t1 -c"$2" -d"$DURATION" --latency -s "$here/peer/mcp.lua" "http://127.0.0.1:$1/mcp" -- "$op" "$sid" |
    sed -n 's/^WRKJSON //p'
}
field() { node -e "const o=JSON.parse(process.argv[1]);console.log(o[process.argv[2]])" "$1" "$2"; }

printf '\n%-44s %14s %14s %8s\n' "measure" "mcpd" "peer" "ratio"
row() { printf '%-44s %14s %14s %8s\n' "$1" "$2" "$3" "$4"; }
ratio() { node -e "const a=+process.argv[1],b=+process.argv[2];console.log(b? (a/b).toFixed(2)+'x':'-')" "$1" "$2"; }

# The same warm-up for both (Node's JIT, mcpd's page cache and result cache): 3 s of load.
for port in "$mcpd_port" "$peer_port"; do DURATION=3s wrk_run "$port" 8 >/dev/null; done

for c in 1 8 64; do  # interleaved: mcpd (session, then stateless), then peer at each concurrency
  m=$(wrk_run "$mcpd_port" "$c"); s=$(wrk_run "$mcpd_port" "$c" search-stateless); p=$(wrk_run "$peer_port" "$c")
  row "2026-07-28 stateless search req/s, $c conn." "$(field "$s" rps)" "(mcpd 2025)" "$(ratio "$(field "$s" rps)" "$(field "$m" rps)")"
  row "2026-07-28 stateless p99 ms, $c conn." "$(field "$s" p99_ms)" "(mcpd 2025)" "$(ratio "$(field "$s" p99_ms)" "$(field "$m" p99_ms)")"
  row "2026-07-28 bad / socket errors, $c conn." "$(field "$s" bad)/$(field "$s" socket_errors)" "" ""
  row "search req/s, $c connections" "$(field "$m" rps)" "$(field "$p" rps)" "$(ratio "$(field "$m" rps)" "$(field "$p" rps)")"
  row "search p99 ms, $c connections" "$(field "$m" p99_ms)" "$(field "$p" p99_ms)" "$(ratio "$(field "$m" p99_ms)" "$(field "$p" p99_ms)")"
  row "bad responses / socket errors, $c conn." "$(field "$m" bad)/$(field "$m" socket_errors)" "$(field "$p" bad)/$(field "$p" socket_errors)" ""
done

for c in 1 8 64; do  # every query distinct: neither server's cache can answer
  m=$(wrk_run "$mcpd_port" "$c" distinct); p=$(wrk_run "$peer_port" "$c" distinct)
  row "uncached search req/s, $c connections" "$(field "$m" rps)" "$(field "$p" rps)" "$(ratio "$(field "$m" rps)" "$(field "$p" rps)")"
  row "uncached search p99 ms, $c connections" "$(field "$m" p99_ms)" "$(field "$p" p99_ms)" "$(ratio "$(field "$m" p99_ms)" "$(field "$p" p99_ms)")"
  row "bad responses / socket errors, $c conn." "$(field "$m" bad)/$(field "$m" socket_errors)" "$(field "$p" bad)/$(field "$p" socket_errors)" ""
done

sse() { taskset -c 1 node "$here/peer/sse-idle.mjs" --url "http://127.0.0.1:$1/sse" --n "$SSE_N" --pid "$2" | sed -n 's/^SSEIDLEJSON //p'; }
[[ "${SEARCH_ONLY:-}" == 1 ]] && exit 0
m=$(sse "$mcpd_port" "$mcpd_pid"); p=$(sse "$peer_port" "$peer_pid")
row "idle SSE sessions held (of $SSE_N)" "$(field "$m" opened)" "$(field "$p" opened)" ""
row "RSS KiB per idle SSE session" "$(field "$m" kib_per_session)" "$(field "$p" kib_per_session)" "$(ratio "$(field "$m" kib_per_session)" "$(field "$p" kib_per_session)")"
row "probes answered while held" "$(field "$m" probes_ok)/$(field "$m" probes)" "$(field "$p" probes_ok)/$(field "$p" probes)" ""
row "ms to first initialize, built-in corpus" "${result[start_mcpd_builtin]}" "-" ""
row "ms to first initialize, 2,000 docs" "${result[start_mcpd_2000]}" "${result[start_peer_2000]}" "$(ratio "${result[start_mcpd_2000]}" "${result[start_peer_2000]}")"
