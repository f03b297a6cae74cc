#!/usr/bin/env bash
# Instructions per search request in mcpd under valgrind's callgrind, which a busy machine
# does not change (wall-clock rows of mcpd_vs_peer.sh do change): a cached search in a
# 2025-06-18 session, the same search as a stateless 2026-07-28 request, and an uncached
# search (a query never asked before). Not a test; prints one line per workload.
#
#   bash bench/mcpd_request_instructions.sh [path/to/mcpd] [requests]   (defaults: build/mcpd/mcpd, 400)
#
# mcpd serves the bench's generated 2,000-document corpus; counting starts after the index
# is built and each workload is warmed up, and covers every thread of mcpd.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MCPD=${1:-$root/build/mcpd/mcpd}
N=${2:-400}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT
node "$here/peer/gen-corpus.mjs" --n 2000 --out "$work/corpus.json" >/dev/null
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out.%p" --dump-instr=no --instr-atstart=no \
  "$MCPD" --listen "127.0.0.1:$port" --docs "$work/corpus.json" --log-level warn >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 3000); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "mcpd never became ready" >&2; cat "$work/server.log" >&2; exit 1; }
callgrind_control -i on "$pid" >/dev/null 2>&1
drive="$here/peer/mcp_requests.py"
python3 "$drive" "$port" session 60; python3 "$drive" "$port" stateless 60; python3 "$drive" "$port" distinct 50 500000
for workload in session stateless distinct; do
  CG_PID=$pid CG_NAME=$workload python3 "$drive" "$port" "$workload" "$N"
  file=$(grep -l "^desc: Trigger: dump $workload\$" "$work"/callgrind.out."$pid".*)
  total=$(sed -n 's/^summary: //p' "$file")
  printf '%-10s %10d instructions per request (%d requests)\n' "$workload" $((total / N)) "$N"
done
