#!/usr/bin/env bash
# mcpd with a domain and no usable certificate gives up when tls.wait passes: it logs what
# it waits for every 10 s, exits non-zero with a message naming the domain and the last problem, and
# SIGTERM during the wait stops it cleanly.
#   bash mcpd_tls_wait_deadline_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"

certs="$WORK/certs"
mkdir -p "$certs"
make_ca
make_leaf wrong 5 ec other.test
install_file "$PKI/wrong.crt" "$certs/mcp.test.cert.pem"
install_file "$PKI/wrong.key" "$certs/mcp.test.key.pem"

run_capture timeout 30 "$MCPD" --domain mcp.test --certs-dir "$certs" --listen 127.0.0.1:0 \
  --tls-wait 2s
expect_eq "$CODE" 69 "exit code when no valid certificate came"
expect_contains "$OUT$ERR" "no valid certificate for mcp.test after 2s" "deadline message"
expect_contains "$OUT$ERR" "does not cover mcp.test (it names other.test)" "the last problem"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --domain absent.test --certs-dir "$WORK/not-yet" --listen 127.0.0.1:0
pid=$BG_PID
wait_for_match "$log" "no usable certificate yet" 10 >/dev/null
# Every 10 s it says what it waits for.
wait_for_match "$log" "waiting for a certificate cert=$WORK/not-yet/absent.test.cert.pem .*waited_s=10 deadline_s=600" 20 >/dev/null
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM while waiting"
grep -q "stopping before the certificate arrived" "$log" || fail "no stop message: $(cat "$log")"
echo "ok"
