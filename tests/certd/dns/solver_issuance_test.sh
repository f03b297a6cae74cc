#!/usr/bin/env bash
# Issuance against a real Pebble with certd's own solvers, driven by certd_solver_issue
# (tests/certd/dns/solver_issue_driver.cpp; the app layer is not involved):
#   1. dns-01 over RFC 2136 + TSIG to Knot, Pebble validating through
#      that Knot: one certificate for a wildcard and its apex; afterwards no TXT is left.
#   2. tls-alpn-01 on a free port that Pebble uses as its tlsPort, for a name and for an IP.
# Arguments: $1 = certd (unused), $2 = the driver. Everything on 127.0.0.1.
source "$(dirname "$0")/../../cli/lib.sh"
source "$(dirname "$0")/../pebble_lib.sh"
source "$(dirname "$0")/../knot_lib.sh"
DRIVER=${DRIVER:-$2}

start_knot_and_pebble

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
