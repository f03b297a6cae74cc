#!/usr/bin/env bash
# The whole stack as compose runs it, with processes on loopback: Pebble validating through
# a mock DNS (pebble-challtestsrv), `certd run` obtaining the certificate for mcp.e2e.test
# into a certs directory (state in its default place inside it), and `mcpd --domain` started
# first, waiting by itself for the files, then serving MCP over HTTPS. The official
# TypeScript SDK client, trusting only Pebble's root fetched from Pebble's management
# interface, passes its checks on both transports. Then, while one legacy SSE session and
# one Streamable HTTP session call tools all the time, `certd renew --force` renews the
# certificate beside the running daemon (the certificate lock is only held during an
# order): mcpd reloads it (its /metrics shows the new serial), a new openssl handshake
# shows the new serial, both sessions keep answering on the same session ids, and
# `certd status` exits 0 before, during and after. Both daemons stop on SIGTERM with 0.
#   bash whole_stack_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"
# shellcheck source=../certd/pebble_lib.sh
source "$(dirname "$0")/../certd/pebble_lib.sh"

js_dir=$(cd "$(dirname "$0")/../js" && pwd)
bash "$js_dir/install.sh" || fail "tests/js/install.sh failed"

DOMAIN=mcp.e2e.test
CERTS=$WORK/certs
start_pebble

# certd's environment, as compose gives it (DOMAIN and EMAIL from .env), plus what points it
# at Pebble instead of Let's Encrypt. No CERTD_STATE_DIR: the default, {certs}/.certd.
# CERTD_KEY_GROUP lets a reader in that group (mcpd under another user) read the key.
KEY_GROUP=$(id -gn)
CERTD_ENV=(CERTD_DOMAIN="$DOMAIN" CERTD_EMAIL=admin@example.com CERTD_CERTS_DIR="$CERTS"
  CERTD_KEY_GROUP="$KEY_GROUP"
  CERTD_DIRECTORY="$PEBBLE_DIR_URL" CERTD_CA_BUNDLE="$PEBBLE_CA"
  CERTD_ACME_PORT="$HTTP01_PORT" CERTD_ACME_LISTEN=127.0.0.1)
certd() { env "${CERTD_ENV[@]}" "$CERTD" "$@"; }

# mcpd first, as compose may start it before the volume holds anything: it must wait.
mkdir -p "$CERTS"
mcpd_log=$WORK/mcpd.log
start_bg "$mcpd_log" "$MCPD" --domain "$DOMAIN" --certs-dir "$CERTS" --listen 127.0.0.1:0 \
  --health-listen 127.0.0.1:0 --tls-wait 2m
mcpd_pid=$BG_PID
health_line=$(wait_for_match "$mcpd_log" "mcpd\.http: listening address=127\.0\.0\.1:[0-9]+ scheme=http " 15)
health=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+) .*/\1/' <<<"$health_line")
metrics() { curl -sf "http://127.0.0.1:$health/metrics"; }
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health/readyz")" 503 \
  "mcpd /readyz before any certificate"
expect_eq "$(metrics | awk '$1 == "mcpd_tls_reloads_total" {print $2}')" 0 "mcpd reloads before certd ran"

start_bg "$WORK/certd.log" env "${CERTD_ENV[@]}" "$CERTD" run
certd_pid=$BG_PID
wait_for_match "$WORK/certd.log" "certificate saved name=$DOMAIN generation=1 " 60 >/dev/null
wait_for_match "$WORK/certd.log" "renewal loop sleeping until=" 10 >/dev/null
run_capture certd status
expect_eq "$CODE" 0 "certd status after the first issuance ($OUT $ERR)"
expect_eq "$(stat -L -c '%a %G' "$CERTS/$DOMAIN.key.pem")" "640 $KEY_GROUP" "mode and group of the key"
expect_eq "$(stat -c '%a' "$CERTS/.certd")" 700 "mode of certd's state directory"

line=$(wait_for_match "$mcpd_log" "mcpd\.http: listening address=127\.0\.0\.1:[0-9]+ scheme=https " 30)
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+) .*/\1/' <<<"$line")
# Ready is set just after the https listener logs, so poll for it.
deadline=$((SECONDS + 10))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health/readyz")" == 200 ]]; do
  ((SECONDS < deadline)) || fail "mcpd /readyz is not 200 10 s after it listened on https"
  sleep 0.05
done

# Clients trust Pebble's root from its management interface (openssl only that root; Node adds
# it to its bundled roots); the intermediate comes in the served chain.
pebble_root 0 >"$WORK/root.pem" || fail "no root from Pebble's management interface"
export NODE_EXTRA_CA_CERTS=$WORK/root.pem
export MCP_TEST_RESOLVE=$DOMAIN=127.0.0.1 # the certificate's name, on loopback
node_run() { node --import "$js_dir/resolve_override.mjs" "$@"; }
url=https://$DOMAIN:$port

file_serial() { openssl x509 -in "$CERTS/$DOMAIN.cert.pem" -noout -serial | cut -d= -f2; }
# The serial a brand-new handshake gets, verified against Pebble's root only.
served_serial() {
  openssl s_client -connect "127.0.0.1:$port" -servername "$DOMAIN" -verify_hostname "$DOMAIN" \
    -CAfile "$WORK/root.pem" -verify_return_error </dev/null 2>/dev/null |
    openssl x509 -noout -serial 2>/dev/null | cut -d= -f2
}
served_metric_serial() {
  metrics | sed -nE 's/^mcpd_tls_certificate_info\{.*serial="([0-9A-F]+)".*/\1/p'
}
first=$(file_serial)
expect_eq "$(served_serial)" "$first" "serial of a handshake after start (verified against Pebble's root)"
expect_eq "$(served_metric_serial)" "$first" "serial in mcpd's /metrics"

for transport in streamable sse; do
  node_run "$js_dir/sdk_client_check.mjs" --url "$url" --transport "$transport" \
    --query certificate --timeout-ms 8000 ||
    fail "SDK client check over $transport failed; mcpd log: $(tail -n 30 "$mcpd_log")"
done

# `certd status` over and over while the renewal runs; any non-zero exit is recorded.
status_loop() {
  while [[ ! -e $WORK/status.stop ]]; do
    certd status >/dev/null 2>"$WORK/status.err" || {
      echo "exit $? at $(date +%T.%N): $(cat "$WORK/status.err")" >>"$WORK/status.failures"
    }
    echo . >>"$WORK/status.runs"
  done
}

# Two sessions open and busy, then the renewal forced through certd beside the daemon.
start_bg "$WORK/sessions.log" node --import "$js_dir/resolve_override.mjs" \
  "$js_dir/renewal_sessions_check.mjs" --url "$url" --resume-file "$WORK/resume" --calls 20
sessions_pid=$BG_PID
wait_for_match "$WORK/sessions.log" "^sessions open " 60 >/dev/null
reloads_before=$(metrics | awk '$1 == "mcpd_tls_reloads_total" {print $2}')
status_loop &
PIDS+=($!)
status_pid=$!

start_ms=$(date +%s%3N)
run_capture certd renew --force "$DOMAIN"
expect_eq "$CODE" 0 "certd renew --force beside the daemon (stderr: $ERR)"
expect_contains "$ERR" "certificate saved name=$DOMAIN generation=2 " "certd renew --force log"
second=$(file_serial)
[[ "$second" != "$first" ]] || fail "the forced renewal kept serial $first"

# mcpd notices the new generation by itself: reload counter and served serial, by deadline.
deadline=$((SECONDS + 15))
until [[ "$(served_metric_serial)" == "$second" ]] &&
  (($(metrics | awk '$1 == "mcpd_tls_reloads_total" {print $2}') > reloads_before)); do
  ((SECONDS < deadline)) || fail "mcpd did not reload within 15 s: $(metrics | grep mcpd_tls_)"
  sleep 0.05
done
reload_ms=$(($(date +%s%3N) - start_ms))
expect_eq "$(served_serial)" "$second" "serial of a new handshake after the renewal"
expect_eq "$(metrics | awk '$1 == "mcpd_tls_reload_refusals_total" {print $2}')" 0 "reloads refused by mcpd"

# Let the status loop run at least once more on the new certificate, then stop it.
runs=$(wc -l <"$WORK/status.runs")
deadline=$((SECONDS + 15))
until (($(wc -l <"$WORK/status.runs") >= runs + 2)); do
  ((SECONDS < deadline)) || fail "certd status did not finish twice more within 15 s"
  sleep 0.05
done
touch "$WORK/status.stop"
wait_for_exit "$status_pid" 15
[[ ! -s $WORK/status.failures ]] || fail "certd status failed during the renewal: $(cat "$WORK/status.failures")"
echo "certd status ran $(wc -l <"$WORK/status.runs") times during the renewal, always exit 0"

touch "$WORK/resume"
wait_for_exit "$sessions_pid" 60
expect_eq "$EXIT_CODE" 0 "the sessions check ($(cat "$WORK/sessions.log"); mcpd: $(tail -n 20 "$mcpd_log"))"
cat "$WORK/sessions.log"

# The daemon saw none of this as a problem: still running, status healthy, deploys nothing.
kill -0 "$certd_pid" || fail "certd run exited: $(cat "$WORK/certd.log")"
run_capture certd status --json
expect_eq "$CODE" 0 "certd status after the renewal ($OUT $ERR)"
expect_contains "$OUT" "\"generation\":2" "certd status --json"
expect_eq "$(stat -L -c '%a %G' "$CERTS/$DOMAIN.key.pem")" "640 $KEY_GROUP" "mode and group of the renewed key"

kill -TERM "$mcpd_pid" "$certd_pid"
wait_for_exit "$mcpd_pid" 15
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
wait_for_exit "$certd_pid" 15
expect_eq "$EXIT_CODE" 0 "certd exit code after SIGTERM"
echo "PASS (forced renewal to mcpd serving it: ${reload_ms} ms; serials $first -> $second)"
