# Pebble harness for certd's integration tests. Source it after tests/cli/lib.sh, which
# provides WORK, start_bg (stop by PID on exit), fail and the expect_* helpers.
#
#   start_pebble [CONFIG_JSON_EXTRA]   CA on free loopback ports; sets PEBBLE_DIR_URL,
#                                      PEBBLE_CA (the CA of Pebble's TLS listener), HTTP01_PORT
#                                      and TLS01_PORT (where it checks http-01, tls-alpn-01)
#   certd_env                          prints the CERTD_* variables that point certd at it
#   restart_pebble                     kills Pebble and starts it again on the same ports
#                                      (all its state, accounts included, is gone)
#   pebble_root N                      Pebble's root N (PEM) from its management interface
#   verify_issued NAME DOMAIN...       checks the files certd wrote for NAME (the contract:
#                                      public names are symlinks into .NAME.live, metadata last)
#
# Pebble's knobs come from the caller's environment (PEBBLE_WFE_NONCEREJECT,
# PEBBLE_ALTERNATE_ROOTS ...); PEBBLE_VA_NOSLEEP=1 unless the caller sets PEBBLE_VA_NOSLEEP=0
# (then PEBBLE_VA_SLEEPTIME=N makes each validation wait a random 0..N-1 seconds). Everything binds
# 127.0.0.1; the mock DNS answers every A query with 127.0.0.1 and no AAAA.

command -v pebble >/dev/null || fail "pebble is not installed (scripts/deps.sh)"
command -v pebble-challtestsrv >/dev/null || fail "pebble-challtestsrv is not installed"
command -v openssl >/dev/null || fail "openssl is not installed"

# free_port: a TCP port that is free on 127.0.0.1 right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_port PORT SECONDS: until something accepts TCP connections on 127.0.0.1:PORT.
wait_for_port() {
  local port=$1 deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    ((SECONDS < deadline)) || fail "nothing listens on 127.0.0.1:$port after $2 s"
    sleep 0.05
  done
}

# Pebble's own TLS identity (Debian ships none): a throw-away CA and a localhost leaf.
make_pebble_tls() {
  local dir=$WORK/pebble
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/ca.key" \
    -out "$dir/ca.pem" -days 2 -subj "/CN=certd test minica" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/key.pem" \
    -out "$dir/srv.csr" -subj "/CN=localhost" 2>/dev/null
  printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/srv.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/ext.cnf" -out "$dir/cert.pem" 2>/dev/null
  PEBBLE_CA=$dir/ca.pem
}

start_pebble() {
  local extra=${1:-}
  make_pebble_tls
  local dns_port pebble_port mgmt_port chall_mgmt_port
  dns_port=$(free_port)
  chall_mgmt_port=$(free_port)
  pebble_port=$(free_port)
  mgmt_port=$(free_port)
  HTTP01_PORT=$(free_port)
  TLS01_PORT=$(free_port)
  PEBBLE_MGMT="https://127.0.0.1:$mgmt_port"
  # DNS only: every challenge server off. The management API stays on, on loopback, because
  # `-management ""` does not disable it: Go then listens on *:80 (seen with 1.2.1).
  start_bg "$WORK/challtestsrv.log" pebble-challtestsrv -dns01 "127.0.0.1:$dns_port" \
    -http01 "" -https01 "" -tlsalpn01 "" -management "127.0.0.1:$chall_mgmt_port" \
    -defaultIPv4 127.0.0.1 -defaultIPv6 ""
  cat >"$WORK/pebble/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$pebble_port",
  "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$WORK/pebble/cert.pem", "privateKey": "$WORK/pebble/key.pem",
  "httpPort": $HTTP01_PORT, "tlsPort": $TLS01_PORT, "ocspResponderURL": "",
  "externalAccountBindingRequired": false, "certificateValidityPeriod": 518400 $extra}}
JSON
  wait_for_port "$dns_port" 10
  PEBBLE_DNS_PORT=$dns_port
  PEBBLE_DIR_URL="https://127.0.0.1:$pebble_port/dir"
  run_pebble
}

run_pebble() {
  PEBBLE_VA_NOSLEEP=${PEBBLE_VA_NOSLEEP:-1} start_bg "$WORK/pebble.log" pebble -strict \
    -config "$WORK/pebble/config.json" -dnsserver "127.0.0.1:$PEBBLE_DNS_PORT"
  PEBBLE_PID=$BG_PID
  local deadline=$((SECONDS + 20))
  until curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_DIR_URL" >/dev/null; do
    kill -0 "$PEBBLE_PID" 2>/dev/null || fail "pebble exited: $(cat "$WORK/pebble.log")"
    ((SECONDS < deadline)) || fail "pebble did not answer at $PEBBLE_DIR_URL: $(cat "$WORK/pebble.log")"
    sleep 0.05
  done
}

restart_pebble() {
  kill "$PEBBLE_PID"
  wait "$PEBBLE_PID" 2>/dev/null || true
  run_pebble
}

# The CERTD_* environment for one certificate against this Pebble, as KEY=VALUE lines.
certd_env() {
  echo "CERTD_DIRECTORY=$PEBBLE_DIR_URL"
  echo "CERTD_CA_BUNDLE=$PEBBLE_CA"
  echo "CERTD_ACME_PORT=$HTTP01_PORT"
  echo "CERTD_ACME_LISTEN=127.0.0.1"
  echo "CERTD_CERTS_DIR=$WORK/certs"
  echo "CERTD_STATE_DIR=$WORK/state"
  echo "CERTD_EMAIL=admin@example.com"
  echo "CERTD_LOG_LEVEL=debug"
}

pebble_root() {
  curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_MGMT/roots/${1:-0}"
}

# verify_issued NAME DOMAIN...: the public names are symlinks into the live generation, the
# chain verifies up to one of Pebble's roots, the key matches the leaf and is mode 0600,
# {name}.pem is the key then the chain, {name}.json names the leaf's sha256, and the leaf
# names every DOMAIN.
verify_issued() {
  local name=$1
  shift
  local cert=$WORK/certs/$name.cert.pem key=$WORK/certs/$name.key.pem
  [[ -s $cert ]] || fail "$cert is missing"
  [[ -s $key ]] || fail "$key is missing"
  local public
  for public in "$name.cert.pem" "$name.key.pem" "$name.pem" "$name.json"; do
    [[ -L $WORK/certs/$public ]] || fail "$public is not a symlink"
    expect_eq "$(readlink "$WORK/certs/$public")" ".$name.live/${public#"$name".}" "link of $public"
  done
  [[ "$(readlink "$WORK/certs/.$name.live")" == ".$name.gen/"* ]] || fail ".$name.live is not a generation link"
  expect_eq "$(stat -L -c %a "$key")" 600 "mode of $key"
  expect_eq "$(cat "$key" "$cert")" "$(cat "$WORK/certs/$name.pem")" "$name.pem (key then chain)"
  local sha
  sha=$(openssl x509 -in "$cert" -outform DER | sha256sum | cut -d' ' -f1)
  expect_contains "$(cat "$WORK/certs/$name.json")" "\"sha256\":\"$sha\"" "$name.json"
  grep -q "BEGIN PRIVATE KEY" "$key" || fail "$key is not PKCS#8"
  local roots=$WORK/roots-$name.pem i
  : >"$roots"
  for i in 0 1 2; do pebble_root "$i" >>"$roots" 2>/dev/null || break; done
  # Leaf first, then the intermediates.
  awk -v dir="$WORK" -v n="$name" '/BEGIN CERT/{c++} {print > (dir "/" n "-part" c ".pem")}' "$cert"
  cat "$WORK/$name"-part[2-9].pem >"$WORK/$name-untrusted.pem" 2>/dev/null || true
  openssl verify -CAfile "$roots" -untrusted "$WORK/$name-untrusted.pem" "$WORK/$name-part1.pem" \
    >/dev/null || fail "the chain of $name does not verify against Pebble's roots"
  [[ "$(openssl pkey -in "$key" -pubout)" == "$(openssl x509 -in "$WORK/$name-part1.pem" -noout -pubkey)" ]] ||
    fail "the key of $name does not match its certificate"
  local sans domain
  sans=$(openssl x509 -in "$WORK/$name-part1.pem" -noout -ext subjectAltName)
  for domain in "$@"; do
    expect_contains "$sans" "DNS:$domain" "SANs of $name"
  done
}

# Serves $WORK/www on Pebble's HTTP-01 port, each request held until $WORK/gate exists (for
# at most 30 s): a test opens the gate to let a validation that certd started go on.
start_gated_webroot() {
  mkdir -p "$WORK/www"
  start_bg "$WORK/www.log" python3 -c '
import http.server, os, sys, time
root, gate, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
class Gated(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=root, **kwargs)
    def do_GET(self):
        deadline = time.monotonic() + 30
        while not os.path.exists(gate) and time.monotonic() < deadline:
            time.sleep(0.02)
        super().do_GET()
http.server.ThreadingHTTPServer(("127.0.0.1", port), Gated).serve_forever()
' "$WORK/www" "$WORK/gate" "$HTTP01_PORT"
  wait_for_port "$HTTP01_PORT" 10
}
