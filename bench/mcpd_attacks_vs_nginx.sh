#!/usr/bin/env bash
# mcpd against Debian's nginx-light under slow and idle clients, both with their defaults
# (nginx: Debian's worker_processes auto and worker_connections 768, a static /healthz),
# plain and TLS, in one run, printing a table. Not a test.
#
#   bash bench/mcpd_attacks_vs_nginx.sh [path/to/mcpd]     (default: build/mcpd/mcpd)
#
# PLAIN_KINDS and TLS_KINDS choose the phases (default: all; e.g. PLAIN_KINDS= TLS_KINDS=hello).
#
# For each kind (tests/attack/slow_clients.py: trickled head, trickled body, silent TCP,
# and over TLS also a trickled ClientHello), COUNT connections from 127.0.0.2-41 are opened
# and held; then a well-behaved client on 127.0.0.1 sends PROBES GET /healthz, each on a
# new connection. Reported per server: the probe's p99 and failures, how many attacking
# connections the server held, and how many it still held HOLD seconds after they opened.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MCPD=${1:-$root/build/mcpd/mcpd}
COUNT=${COUNT:-2000}
PROBES=${PROBES:-100}
HOLD=${HOLD:-15}
PLAIN_KINDS=${PLAIN_KINDS-head body silent}
TLS_KINDS=${TLS_KINDS-head body silent hello}
attack_dir=$root/tests/attack
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for tool in nginx openssl python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done
ulimit -n "$(ulimit -Hn)"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" \
  -out "$work/ca.pem" -days 3 -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/leaf.key" \
  -out "$work/leaf.csr" -subj "/CN=localhost" 2>/dev/null
printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" >"$work/ext.cnf"
openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -days 2 -extfile "$work/ext.cnf" -out "$work/leaf.pem" 2>/dev/null
mkdir -p "$work/certs" "$work/nginx"
cat "$work/leaf.pem" "$work/ca.pem" >"$work/certs/localhost.cert.pem"
cp "$work/leaf.key" "$work/certs/localhost.key.pem"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 400); do curl -sk -o /dev/null "$1/healthz" && return 0; sleep 0.05; done; echo "$1 never served" >&2; exit 1; }

NGINX_HTTP=$(free_port)
NGINX_HTTPS=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log crit;
events { worker_connections 768; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_HTTP;
    listen 127.0.0.1:$NGINX_HTTPS ssl;
    ssl_certificate $work/certs/localhost.cert.pem;
    ssl_certificate_key $work/certs/localhost.key.pem;
    location = /healthz { return 200 "ok\n"; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log" -g 'daemon off;' &
pids+=($!)
MCPD_HTTP=$(free_port)
MCPD_HTTPS=$(free_port)
"$MCPD" --listen "127.0.0.1:$MCPD_HTTP" --log-level warn >"$work/mcpd-http.log" 2>&1 &
pids+=($!)
"$MCPD" --domain localhost --certs-dir "$work/certs" --listen "127.0.0.1:$MCPD_HTTPS" \
  --log-level warn >"$work/mcpd-https.log" 2>&1 &
pids+=($!)
wait_port "http://127.0.0.1:$NGINX_HTTP"
wait_port "https://127.0.0.1:$NGINX_HTTPS"
wait_port "http://127.0.0.1:$MCPD_HTTP"
wait_port "https://127.0.0.1:$MCPD_HTTPS"

field() { python3 -c "import json,sys; print(eval(sys.argv[2], {}, json.loads(sys.argv[1])))" "$1" "$2"; }

# run SERVER PORT KIND [--tls]: one phase; prints a table row.
run() {
  local server=$1 port=$2 kind=$3 tls=${4:-} out="$work/attack.out"
  python3 "$attack_dir/slow_clients.py" --port "$port" --kind "$kind" ${tls:+--tls} \
    --count "$COUNT" --max-seconds "$HOLD" >"$out" 2>/dev/null &
  local attacker=$!
  for _ in $(seq 1200); do grep -q '^holding' "$out" && break; sleep 0.05; done
  local probe
  probe=$(python3 "$attack_dir/probe.py" --port "$port" ${tls:+--tls} --healthz "$PROBES" --mcp 0)
  wait "$attacker" || true
  local result
  result=$(tail -n 1 "$out")
  printf '| %s | %s | %s | %s/%s | %s | %s | %s |\n' "${tls:+TLS }$kind" "$server" \
    "$(field "$probe" 'healthz["p99_ms"]')" "$(field "$probe" 'healthz["ok"]')" "$PROBES" \
    "$(field "$result" 'held_at_ready')" "$(field "$result" 'still_open')" \
    "$(field "$result" 'answered')"
}

printf '\n| attack (%s connections) | server | probe p99 ms | probes ok | attackers held | still held after %s s | answers to attackers |\n' "$COUNT" "$HOLD"
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for kind in $PLAIN_KINDS; do
  run mcpd "$MCPD_HTTP" "$kind"
  run nginx "$NGINX_HTTP" "$kind"
done
for kind in $TLS_KINDS; do
  run mcpd "$MCPD_HTTPS" "$kind" tls
  run nginx "$NGINX_HTTPS" "$kind" tls
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
