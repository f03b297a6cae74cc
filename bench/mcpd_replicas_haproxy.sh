#!/usr/bin/env bash
# Stateless (MCP 2026-07-28) search throughput through HAProxy with the shipped
# configuration (packaging/haproxy/mcpd-replicas.cfg), against the same replica reached
# directly, in one run, printing a table. Not a test.
#
#   bash bench/mcpd_replicas_haproxy.sh [path/to/mcpd]     (default: build/mcpd/mcpd)
#
# Rows: wrk -> mcpd (HTTPS, direct); wrk -> HAProxy -> 1 replica; wrk -> HAProxy -> 2
# replicas. HAProxy re-encrypts to the replicas as the shipped file does. On a 2-core machine
# the second replica competes with the first, with HAProxy and with wrk for the same two
# cores: the rows show HAProxy's overhead and that balancing works, not scaling.
# Every request must answer 200 with a result (bench/peer/mcp.lua counts the bad ones).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MCPD=${1:-$root/build/mcpd/mcpd}
DURATION=${DURATION:-10s}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

for tool in wrk haproxy node openssl; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
(cd "$here/peer" && [[ -d node_modules ]] || npm ci --no-audit --no-fund >/dev/null)
node "$here/peer/gen-corpus.mjs" --n 2000 --out "$work/corpus.json" >/dev/null
ulimit -n 65536 2>/dev/null || ulimit -n 20000

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# One certificate for the replicas, from a private CA HAProxy trusts.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" \
  -out "$work/ca.pem" -days 2 -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/replica.key" \
  -out "$work/replica.csr" -subj "/CN=mcpd.internal" 2>/dev/null
printf "subjectAltName=DNS:mcpd.internal\n" >"$work/ext"
openssl x509 -req -in "$work/replica.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -days 2 -extfile "$work/ext" -out "$work/replica.crt" 2>/dev/null

start_replica() {  # start_replica N PORT
  "$MCPD" run --replica-id "mcpd-$1" --listen "127.0.0.1:$2" --docs "$work/corpus.json" \
    --tls-cert "$work/replica.crt" --tls-key "$work/replica.key" --log-level warn \
    >"$work/mcpd-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    curl -sk -o /dev/null "https://127.0.0.1:$2/healthz" && return 0
    sleep 0.05
  done
  echo "replica $1 never answered: $(cat "$work/mcpd-$1.log")" >&2
  exit 1
}
p1=$(free_port); start_replica 1 "$p1"
p2=$(free_port); start_replica 2 "$p2"
closed=$(free_port)  # nothing listens: HAProxy marks that server down

# start_haproxy S1 S2 S3: HAProxy on $LB balancing over those three addresses.
start_haproxy() {
  LB=$(free_port)
  env MCPD_LB_BIND="127.0.0.1:$LB" MCPD_1="$1" MCPD_2="$2" MCPD_3="$3" MCPD_CA_FILE="$work/ca.pem" \
    MCPD_TLS_NAME=mcpd.internal haproxy -db -f "$root/packaging/haproxy/mcpd-replicas.cfg" \
    >"$work/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  pids+=("$HAPROXY_PID")
  # Until it answers and, when one address is closed, has marked that server down (fall 2,
  # inter 1s), so that no measured request meets it.
  local down_wanted=0
  [[ "$3" == *":$closed" ]] && down_wanted=1
  for _ in $(seq 200); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LB/readyz")" == 200 ]] &&
      ((down_wanted == 0 || $(grep -c 'mcpd-3 is DOWN' "$work/haproxy.log") > 0)); then
      return 0
    fi
    sleep 0.05
  done
  echo "haproxy not ready: $(cat "$work/haproxy.log")" >&2
  exit 1
}
stop_haproxy() { kill "$HAPROXY_PID"; wait "$HAPROXY_PID" 2>/dev/null || true; }

# run LABEL URL CONNECTIONS: one wrk run of stateless searches; prints a table row.
run() {
  local out
  out=$(wrk -t2 -c"$3" -d"$DURATION" --latency -s "$here/peer/mcp.lua" "$2" -- search-stateless - |
    sed -n 's/^WRKJSON //p')
  python3 - "$1" "$3" "$out" <<'PY'
import json, sys
label, conns, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
print(f"| {label} | {conns} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['bad'] + r['socket_errors']} |")
PY
}

echo "| path | connections | requests/s | p50 ms | p99 ms | failed |"
echo "| --- | --- | --- | --- | --- | --- |"
for c in 8 64; do run "mcpd direct (HTTPS)" "https://127.0.0.1:$p1/mcp" "$c"; done
start_haproxy "127.0.0.1:$p1" "127.0.0.1:$p1" "127.0.0.1:$p1"
for c in 8 64; do run "HAProxy -> 1 replica" "http://127.0.0.1:$LB/mcp" "$c"; done
stop_haproxy
start_haproxy "127.0.0.1:$p1" "127.0.0.1:$p2" "127.0.0.1:$closed"
for c in 8 64; do run "HAProxy -> 2 replicas" "http://127.0.0.1:$LB/mcp" "$c"; done
stop_haproxy
