#!/usr/bin/env bash
# mcpd against nginx (Debian's nginx-light) serving the same certificate over HTTPS, in one
# run, interleaved, printing a table. Not a test.
#
#   bash bench/mcpd_tls_vs_nginx.sh [path/to/mcpd]     (default: build/mcpd/mcpd)
#
# Both servers are pinned to core 0 (nginx with one worker), wrk and the probe to core 1.
# Measures, ROUNDS times each, alternating servers:
#   - full handshakes/s: wrk with "Connection: close", so every request is a new TLS
#     connection; wrk never resumes sessions, and nginx has tickets and its cache off;
#   - keep-alive HTTPS requests/s: wrk on kept-alive connections, GET /healthz (mcpd) and
#     an equivalent `return 200 "ok\n"` location (nginx); mcpd's front thread answers health
#     probes itself, in its event loop, as nginx does;
#   - the same for a request that mcpd hands to a worker thread, as it does every MCP and web
#     request: GET /nothing, answered 404 "not found\n" by both;
# and once per server, reload under load (tls_reload_probe.py): 20 new certificates, each
# installed by rename (+ `nginx -s reload` for nginx), time until a new handshake serves
# it, with 8 keep-alive clients counting failed requests and connections the server closed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MCPD=${1:-$root/build/mcpd/mcpd}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-16}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for tool in wrk nginx openssl python3; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }
done

# A test CA and N+1 leaf pairs for localhost and 127.0.0.1 (P-256, as certd issues by default).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" \
  -out "$work/ca.pem" -days 3 -subj "/CN=bench CA" 2>/dev/null
mkdir -p "$work/pairs" "$work/certs" "$work/nginx"
printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" >"$work/ext.cnf"
for i in $(seq 0 20); do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/pairs/$i.key" \
    -out "$work/leaf.csr" -subj "/CN=localhost" 2>/dev/null
  openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -days 2 -extfile "$work/ext.cnf" -out "$work/leaf.pem" 2>/dev/null
  cat "$work/leaf.pem" "$work/ca.pem" >"$work/pairs/$i.crt"
done
reset_pair() {
  cp "$work/pairs/0.crt" "$work/certs/localhost.cert.pem"
  cp "$work/pairs/0.key" "$work/certs/localhost.key.pem"
}
reset_pair

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_https() { for _ in $(seq 400); do curl -sk -o /dev/null "https://127.0.0.1:$1/healthz" && return 0; sleep 0.05; done; echo "port $1 never served" >&2; exit 1; }

NGINX_PORT=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $work/certs/localhost.cert.pem;
    ssl_certificate_key $work/certs/localhost.key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_tickets off;
    ssl_session_cache off;
    location / { return 200 "ok\n"; }
    location /nothing { return 404 "not found\n"; }
  }
}
CONF
nginx_cmd=(nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log")
taskset -c 0 "${nginx_cmd[@]}" -g 'daemon off;' &
pids+=($!)
MCPD_PORT=$(free_port)
taskset -c 0 "$MCPD" --domain localhost --certs-dir "$work/certs" --listen "127.0.0.1:$MCPD_PORT" \
  --log-level warn >"$work/mcpd.log" 2>&1 &
pids+=($!)
wait_https "$NGINX_PORT"
wait_https "$MCPD_PORT"

rps() {  # rps PORT PATH [wrk args...]: requests/s of one wrk run
  local port=$1 path=$2
  shift 2
  taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" "$@" "https://127.0.0.1:$port$path" |
    awk '/Requests\/sec/ {print int($2)}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A runs
for round in $(seq "$ROUNDS"); do
  for server in nginx mcpd; do
    port=$NGINX_PORT
    [[ $server == mcpd ]] && port=$MCPD_PORT
    runs[$server.keepalive]+="$(rps "$port" /healthz) "
    runs[$server.worker]+="$(rps "$port" /nothing) "
    runs[$server.handshake]+="$(rps "$port" /healthz -H "Connection: close") "
  done
  echo "round $round done" >&2
done

probe() {  # probe PORT [reload command]
  reset_pair
  [[ $# -gt 1 ]] && eval "$2"
  taskset -c 1 python3 "$here/tls_reload_probe.py" --port "$1" --ca "$work/ca.pem" \
    --cert-dest "$work/certs/localhost.cert.pem" --key-dest "$work/certs/localhost.key.pem" \
    --pairs "$work/pairs" --count 20 --clients 8 ${2:+--reload-cmd "$2"}
}
mcpd_reload=$(probe "$MCPD_PORT")
nginx_reload=$(probe "$NGINX_PORT" "${nginx_cmd[*]} -s reload")

med() { tr ' ' '\n' <<<"${runs[$1]}" | grep . | median; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}x')"; }

printf '\n| measure (median of %s runs, %s connections, %s each) | mcpd | nginx | mcpd/nginx |\n' "$ROUNDS" "$CONNS" "$DURATION"
printf '| --- | --- | --- | --- |\n'
for m in handshake keepalive worker; do
  label="full TLS handshakes/s (Connection: close)"
  [[ $m == keepalive ]] && label="keep-alive HTTPS requests/s, GET /healthz (mcpd: front thread)"
  [[ $m == worker ]] && label="keep-alive HTTPS requests/s, GET /nothing 404 (mcpd: a worker)"
  printf '| %s | %s | %s | %s |\n' "$label" "$(med mcpd.$m)" "$(med nginx.$m)" "$(ratio "$(med mcpd.$m)" "$(med nginx.$m)")"
done
for f in reload_ms_p50 reload_ms_p99 requests failed closed; do
  printf '| reload under load: %s | %s | %s | |\n' "$f" "$(field "$mcpd_reload" $f)" "$(field "$nginx_reload" $f)"
done
for key in mcpd.handshake nginx.handshake mcpd.keepalive nginx.keepalive mcpd.worker nginx.worker; do
  echo "runs $key: ${runs[$key]}"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
