#!/usr/bin/env bash
# Starts Debian's Pebble (a test ACME CA) the way compose.yaml's `pebble` profile runs it,
# and the way tests/packaging/pebble_profile_test.sh runs it outside a container:
#   - its own TLS identity (Debian ships none): a CA (ca.crt, ca.key) and a leaf for
#     127.0.0.1/localhost, made once into PEBBLE_TLS_DIR and kept across restarts;
#   - PEBBLE_TLS_DIR/ca.pem, the CA certificate that certd trusts (CERTD_CA_BUNDLE), is
#     removed at start and published (atomically) only once Pebble accepts connections, so
#     that certd, which waits for that file, never orders from a Pebble that is not up yet;
#   - every address on loopback: in compose, Pebble and its DNS share certd's network
#     namespace (held by the certd-net service), so 127.0.0.1 is certd too;
#   - validation through the mock DNS at PEBBLE_DNS (pebble-challtestsrv answering every
#     name with 127.0.0.1), HTTP-01 on PEBBLE_HTTP_PORT, where certd's listener is.
# Settings (environment): PEBBLE_TLS_DIR (/pebble-tls), PEBBLE_LISTEN (127.0.0.1:14000),
# PEBBLE_MANAGEMENT_LISTEN (127.0.0.1:15000), PEBBLE_HTTP_PORT (8080), PEBBLE_TLS_PORT
# (8443, unused by certd's HTTP-01), PEBBLE_DNS (127.0.0.1:8053), PEBBLE_VALIDITY_SECONDS
# (7776000: 90 days; make it short to watch renewals), and Pebble's own PEBBLE_* knobs.
set -euo pipefail
tls=${PEBBLE_TLS_DIR:-/pebble-tls}
listen=${PEBBLE_LISTEN:-127.0.0.1:14000}
management=${PEBBLE_MANAGEMENT_LISTEN:-127.0.0.1:15000}
http_port=${PEBBLE_HTTP_PORT:-8080}
tls_port=${PEBBLE_TLS_PORT:-8443}
dns=${PEBBLE_DNS:-127.0.0.1:8053}
validity=${PEBBLE_VALIDITY_SECONDS:-7776000}
export PEBBLE_VA_NOSLEEP=${PEBBLE_VA_NOSLEEP:-1}

mkdir -p "$tls"
rm -f "$tls/ca.pem"
if [[ ! -s "$tls/ca.crt" || ! -s "$tls/cert.pem" || ! -s "$tls/key.pem" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/ca.key" \
    -out "$tls/ca.crt" -days 3650 -subj "/CN=certmcp pebble minica" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/key.pem" \
    -out "$tls/server.csr" -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n' \
    >"$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
    -CAcreateserial -days 3650 -extfile "$tls/server.ext" -out "$tls/cert.pem" 2>/dev/null
  chmod 0644 "$tls/ca.crt" "$tls/cert.pem"
fi

config="$tls/pebble-config.json"
cat >"$config" <<JSON
{"pebble": {"listenAddress": "$listen", "managementListenAddress": "$management",
  "certificate": "$tls/cert.pem", "privateKey": "$tls/key.pem",
  "httpPort": $http_port, "tlsPort": $tls_port, "ocspResponderURL": "",
  "externalAccountBindingRequired": false, "certificateValidityPeriod": $validity}}
JSON
pebble -config "$config" -dnsserver "$dns" &
pebble_pid=$!
# Stopping the container stops Pebble (this script is its PID 1).
trap 'kill -TERM "$pebble_pid" 2>/dev/null' TERM INT

# Publish ca.pem once Pebble accepts connections on its ACME port (deadline: 60 s).
host=${listen%:*} port=${listen##*:}
deadline=$((SECONDS + 60))
until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
  if ! kill -0 "$pebble_pid" 2>/dev/null || ((SECONDS >= deadline)); then
    echo "pebble-start: Pebble is not listening on $listen" >&2
    kill -TERM "$pebble_pid" 2>/dev/null
    wait "$pebble_pid"
    exit 1
  fi
  sleep 0.05
done
cp "$tls/ca.crt" "$tls/.ca.pem.tmp"
mv -f "$tls/.ca.pem.tmp" "$tls/ca.pem"
echo "pebble-start: Pebble is up on $listen; its TLS CA is in $tls/ca.pem" >&2

# Until Pebble exits: `wait` returns early when a trapped signal arrives, so wait again.
while true; do
  status=0
  wait "$pebble_pid" || status=$?
  kill -0 "$pebble_pid" 2>/dev/null || break
done
exit "$status"
