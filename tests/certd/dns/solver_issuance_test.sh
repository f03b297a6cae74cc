#!/usr/bin/env bash
# Issuance against a real Pebble with certd's own solvers, driven by certd_solver_issue
# (tests/certd/dns/solver_issue_driver.cpp; the app layer is not involved):
#   1. dns-01 over RFC 2136 + TSIG to Knot (TESTBED.md section 3), Pebble validating through
#      that Knot: one certificate for a wildcard and its apex; afterwards no TXT is left.
#   2. tls-alpn-01 on a free port that Pebble uses as its tlsPort, for a name and for an IP.
# Arguments: $1 = certd (unused), $2 = the driver. Everything on 127.0.0.1.
source "$(dirname "$0")/../../cli/lib.sh"
source "$(dirname "$0")/../pebble_lib.sh"
DRIVER=${DRIVER:-$2}
command -v knotd >/dev/null || fail "knotd is not installed"
command -v keymgr >/dev/null || fail "keymgr is not installed"

# Knot, authoritative for test., TXT updates allowed with a TSIG key.
K=$WORK/knot
mkdir -p "$K"/{db,run,zones}
keymgr -t certd-key hmac-sha256 >"$K/tsig.conf"
SECRET=$(awk '/secret:/{print $2}' "$K/tsig.conf")
KNOT_PORT=$(free_port)
cat >"$K/zones/test.zone" <<'ZONE'
$ORIGIN test.
$TTL 0
@  SOA ns.test. hostmaster.test. 1 60 60 3600 0
@  NS  ns.test.
ns A 127.0.0.1
@  A   127.0.0.1
*  A   127.0.0.1
ZONE
cat >"$K/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$KNOT_PORT
    rundir: $K/run
$( [[ $(id -u) == 0 ]] && echo "    user: root:root" || true)
log:
  - target: stdout
    any: info
database:
    storage: $K/db
$(cat "$K/tsig.conf")
acl:
  - id: certd-update
    key: certd-key
    action: update
    update-type: [TXT]
template:
  - id: default
    storage: $K/zones
    zonefile-sync: -1
    zonefile-load: difference-no-serial
    journal-content: all
    semantic-checks: off
zone:
  - domain: test.
    file: test.zone
    acl: certd-update
CONF
start_bg "$WORK/knotd.log" knotd -c "$K/knot.conf"
deadline=$((SECONDS + 10))
until dig +short +time=1 +tries=1 @127.0.0.1 -p "$KNOT_PORT" test SOA | grep -q ns.test; do
  ((SECONDS < deadline)) || fail "knotd did not answer: $(cat "$WORK/knotd.log")"
  sleep 0.05
done

# Pebble validating through Knot (start_pebble would use challtestsrv instead).
make_pebble_tls
TLS_PORT=$(free_port)
pebble_port=$(free_port)
mgmt_port=$(free_port)
cat >"$WORK/pebble/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$pebble_port",
  "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$WORK/pebble/cert.pem", "privateKey": "$WORK/pebble/key.pem",
  "httpPort": $(free_port), "tlsPort": $TLS_PORT, "ocspResponderURL": "",
  "externalAccountBindingRequired": false, "certificateValidityPeriod": 518400}}
JSON
PEBBLE_DNS_PORT=$KNOT_PORT
PEBBLE_DIR_URL="https://127.0.0.1:$pebble_port/dir"
run_pebble

# 1. dns-01: wildcard + apex in one certificate.
run_capture env DNS_SERVER="127.0.0.1:$KNOT_PORT" DNS_KEY_NAME=certd-key DNS_SECRET="$SECRET" \
  "$DRIVER" "$PEBBLE_DIR_URL" "$PEBBLE_CA" "$WORK/state" dns-01 foo.test '*.foo.test'
expect_eq "$CODE" 0 "exit code of the dns-01 issuance (stderr: $ERR)"
expect_contains "$OUT" "foo.test" "SANs"
expect_contains "$OUT" "*.foo.test" "SANs"
expect_contains "$ERR" "dns01: txt record served" "driver log"
left=$(dig +short @127.0.0.1 -p "$KNOT_PORT" _acme-challenge.foo.test TXT)
expect_eq "$left" "" "TXT records left after issuance"

# 2. tls-alpn-01.
run_capture env TLS_LISTEN="127.0.0.1:$TLS_PORT" \
  "$DRIVER" "$PEBBLE_DIR_URL" "$PEBBLE_CA" "$WORK/state" tls-alpn-01 bar.test
expect_eq "$CODE" 0 "exit code of the tls-alpn-01 issuance (stderr: $ERR)"
expect_eq "$OUT" "bar.test" "SANs"

# 3. tls-alpn-01 for an IP identifier (RFC 8738): SNI 1.0.0.127.in-addr.arpa, IP SAN.
run_capture env TLS_LISTEN="127.0.0.1:$TLS_PORT" \
  "$DRIVER" "$PEBBLE_DIR_URL" "$PEBBLE_CA" "$WORK/state" tls-alpn-01 127.0.0.1
expect_eq "$CODE" 0 "exit code of the tls-alpn-01 IP issuance (stderr: $ERR)"
expect_eq "$OUT" "127.0.0.1" "SANs"
echo "PASS"
