#!/usr/bin/env bash
# dns-01 when one authoritative server of the zone never serves the record, through the
# real certd, Pebble and Knot: the primary (which takes certd's RFC 2136 update and which
# Pebble asks) serves the TXT record, a second authoritative server of test. never does.
# certd waits until its propagation deadline, fails naming that server and the record,
# never tells the CA to validate (Pebble's request log has no challenge POST, while the
# issuance before it shows that log does record them), and deletes the record from the
# primary afterwards.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"
source "$(dirname "$0")/knot_lib.sh"

start_knot_and_pebble
start_stale_knot

certd_env=(env CERTD_DIRECTORY="$PEBBLE_DIR_URL" CERTD_CA_BUNDLE="$PEBBLE_CA"
  CERTD_EMAIL=admin@foo.test CERTD_SOLVER=dns-01 CERTD_DNS_SERVER="127.0.0.1:$KNOT_PORT"
  CERTD_DNS_ZONE=test. CERTD_DNS_TSIG_KEY=certd-key CERTD_DNS_TSIG_SECRET="$SECRET"
  CERTD_DNS_RESOLVERS="127.0.0.1:$KNOT_PORT" CERTD_CERTS_DIR="$WORK/certs"
  CERTD_STATE_DIR="$WORK/state" CERTD_LOG_LEVEL=debug)
challenge_posts() { grep -c "POST /chalZ/" "$WORK/pebble.log" || true; }

# Control: with only the primary to check, the same setup issues, and Pebble logs the
# challenge POST.
run_capture "${certd_env[@]}" CERTD_DOMAIN=ok.test \
  CERTD_DNS_AUTHORITATIVE_SERVERS="127.0.0.1:$KNOT_PORT" "$CERTD" renew
expect_eq "$CODE" 0 "renew with the primary only (stderr: $ERR)"
posts_before=$(challenge_posts)
((posts_before > 0)) || fail "Pebble's log shows no challenge POST: $(cat "$WORK/pebble.log")"

# Both servers listed as authoritative; the second never gets the record.
start_bg "$WORK/certd.log" "${certd_env[@]}" CERTD_DOMAIN=never.test \
  CERTD_DNS_AUTHORITATIVE_SERVERS="127.0.0.1:$KNOT_PORT,127.0.0.1:$STALE_KNOT_PORT" \
  CERTD_DNS_PROPAGATION_TIMEOUT=4s "$CERTD" renew
certd_pid=$BG_PID
# While certd waits, the primary serves the record and the second server does not.
deadline=$((SECONDS + 10))
until [[ -n $(dig +short @127.0.0.1 -p "$KNOT_PORT" _acme-challenge.never.test TXT) ]]; do
  ((SECONDS < deadline)) || fail "the primary never served the record: $(cat "$WORK/certd.log")"
  kill -0 "$certd_pid" 2>/dev/null || fail "certd exited early: $(cat "$WORK/certd.log")"
  sleep 0.05
done
expect_eq "$(dig +short @127.0.0.1 -p "$STALE_KNOT_PORT" _acme-challenge.never.test TXT)" "" \
  "TXT on the second server"
wait_for_exit "$certd_pid" 30
log=$(cat "$WORK/certd.log")
expect_eq "$EXIT_CODE" 2 "exit code when a server never publishes the record (log: $log)"
expect_contains "$log" \
  "dns01: _acme-challenge.never.test TXT not served by 127.0.0.1:$STALE_KNOT_PORT after 4s" \
  "the error"
expect_eq "$(challenge_posts)" "$posts_before" "challenge POSTs at Pebble after the failed attempt"
[[ ! -e $WORK/certs/never.test.cert.pem ]] || fail "a certificate was installed"
expect_eq "$(dig +short @127.0.0.1 -p "$KNOT_PORT" _acme-challenge.never.test TXT)" "" \
  "TXT left on the primary"
echo "PASS"
