#!/usr/bin/env bash
# certd run against Pebble issuing 40-second certificates (renewal at half the lifetime):
# it obtains the missing certificate, sends READY=1 over NOTIFY_SOCKET, then renews while
# running (a second generation appears without any signal), running the deploy hook with
# the certificate's environment each time. The admin port answers /healthz, /readyz and
# /metrics; `certd status` exits 0 throughout; SIGHUP with a broken config keeps the old
# one; SIGTERM stops it with exit 0.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=40 start_pebble ', "certificateValidityPeriod": 40'
mapfile -t ENV < <(certd_env)
admin_port=$(free_port)
cat >"$WORK/certd.yaml" <<YAML
domain: [run.test, www.run.test]
admin_listen: 127.0.0.1:$admin_port
deploy_hook: 'echo "\$CERTD_NAME|\$CERTD_DOMAINS|\$CERTD_CERT_PATH|\$CERTD_KEY_PATH|\$CERTD_FULLCHAIN_PATH|\${CERTD_ERROR-unset}" >>"$WORK/deploy.log"'
YAML

# A stand-in for systemd's notify socket: prints every datagram it receives.
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
while True:
    print(s.recv(4096).decode(), flush=True)
' "$WORK/notify.sock" >"$WORK/notify.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 10))
until [[ -S $WORK/notify.sock ]]; do
  ((SECONDS < deadline)) || fail "the notify socket did not appear"
  sleep 0.05
done

start_bg "$WORK/certd.log" env "${ENV[@]}" NOTIFY_SOCKET="$WORK/notify.sock" \
  "$CERTD" --config "$WORK/certd.yaml" run
CERTD_PID=$BG_PID
wait_for_match "$WORK/certd.log" "certificate saved name=run.test generation=1 " 30 >/dev/null
verify_issued run.test run.test www.run.test
wait_for_match "$WORK/notify.log" "^READY=1$" 10 >/dev/null
wait_for_match "$WORK/certd.log" "renewal loop sleeping until=" 10 >/dev/null

status_ok() {
  run_capture env "${ENV[@]}" "$CERTD" --config "$WORK/certd.yaml" status
  expect_eq "$CODE" 0 "certd status exit code ($OUT $ERR)"
}
status_ok
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin_port/healthz")" 200 "/healthz"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin_port/readyz")" 200 "/readyz"
metrics=$(curl -sf "http://127.0.0.1:$admin_port/metrics")
expect_contains "$metrics" 'certd_certificate_not_after_seconds{name="run.test"} ' "/metrics"
expect_contains "$metrics" 'certd_certificate_next_renewal_seconds{name="run.test"} ' "/metrics"
expect_contains "$metrics" 'certd_last_success_seconds{name="run.test"} ' "/metrics"
requests=$(grep -E '^certd_acme_requests_total ' <<<"$metrics" | cut -d' ' -f2)
((requests >= 8)) || fail "certd_acme_requests_total is $requests: $metrics"
expect_contains "$metrics" 'certd_acme_errors_total{type="badNonce"} ' "/metrics (40% of nonces rejected)"

# SIGHUP with a broken file: logged, the old configuration stays.
cp "$WORK/certd.yaml" "$WORK/certd.yaml.good"
echo "domain: [" >>"$WORK/certd.yaml"
kill -HUP "$CERTD_PID"
wait_for_match "$WORK/certd.log" "configuration not reloaded, keeping the previous one" 10 >/dev/null
cp "$WORK/certd.yaml.good" "$WORK/certd.yaml"
kill -HUP "$CERTD_PID"
wait_for_match "$WORK/certd.log" "configuration reloaded certificates=1" 10 >/dev/null

# The renewal comes by itself at half of the 40 s lifetime; status stays 0 meanwhile.
deadline=$((SECONDS + 60))
until grep -q "certificate saved name=run.test generation=2 " "$WORK/certd.log"; do
  ((SECONDS < deadline)) || fail "no renewal within 60 s: $(cat "$WORK/certd.log")"
  kill -0 "$CERTD_PID" || fail "certd exited: $(cat "$WORK/certd.log")"
  status_ok
  sleep 0.5
done
status_ok
verify_issued run.test run.test www.run.test
[[ "$(readlink "$WORK/certs/.run.test.live")" == ".run.test.gen/000002" ]] || fail "generation 2 is not live"
[[ -d $WORK/certs/.run.test.gen/000001 ]] || fail "generation 1 was not kept"
expect_eq "$(grep -c "order created" "$WORK/certd.log")" 2 "orders placed"

# The deploy hook ran once per generation, with the certificate's environment.
wait_for_match "$WORK/certd.log" "deploy hook finished name=run.test" 10 >/dev/null
deadline=$((SECONDS + 10))
until [[ $(wc -l <"$WORK/deploy.log" 2>/dev/null || echo 0) -ge 2 ]]; do
  ((SECONDS < deadline)) || fail "the deploy hook did not run twice: $(cat "$WORK/deploy.log")"
  sleep 0.05
done
expected="run.test|run.test,www.run.test|$WORK/certs/run.test.cert.pem|$WORK/certs/run.test.key.pem|$WORK/certs/run.test.pem|unset"
expect_eq "$(sort -u "$WORK/deploy.log")" "$expected" "deploy hook environment"

kill -TERM "$CERTD_PID"
wait_for_exit "$CERTD_PID" 10
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM"
grep -q "renewal loop stopped" "$WORK/certd.log" || fail "no clean stop logged"
wait_for_match "$WORK/notify.log" "^STOPPING=1$" 5 >/dev/null
echo "PASS"
