#!/usr/bin/env bash
# SIGTERM while `certd run` has two orders in flight (max_concurrent_orders: 2) over a list
# of three: both running orders finish and are installed, the third is never ordered, and
# certd exits 0. Both orders are held inside their HTTP-01 validation by a test web server
# that serves the webroot only once the test opens a gate (polled, with a deadline).
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
mkdir -p "$WORK/www"
cat >"$WORK/certd.yaml" <<YAML
max_concurrent_orders: 2
solver: webroot
webroot: $WORK/www
certificates:
  - domains: [first.test]
  - domains: [second.test]
  - domains: [third.test]
YAML

start_gated_webroot

start_bg "$WORK/certd.log" env "${ENV[@]}" "$CERTD" --config "$WORK/certd.yaml" run
certd_pid=$BG_PID
# Both orders wait for their validation: each has answered its challenge.
deadline=$((SECONDS + 30))
until [[ $(grep -c "order created name=" "$WORK/certd.log") == 2 ]]; do
  ((SECONDS < deadline)) || fail "two orders were not in flight: $(cat "$WORK/certd.log")"
  sleep 0.05
done
[[ "$(cat "$WORK/certd.log")" != *"certificate saved"* ]] || fail "an order finished before the gate opened"
kill -TERM "$certd_pid"
touch "$WORK/gate"
wait_for_exit "$certd_pid" 30
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM ($(cat "$WORK/certd.log"))"
log=$(cat "$WORK/certd.log")
expect_contains "$log" "certificate saved name=first.test generation=1 " "certd log"
expect_contains "$log" "certificate saved name=second.test generation=1 " "certd log"
expect_contains "$log" "renewal pass interrupted before name=third.test" "certd log"
expect_contains "$log" "connections=2" "certd log (one connection per running order)"
[[ "$log" != *"order created name=third.test"* ]] || fail "third.test was ordered after SIGTERM"
[[ ! -e $WORK/certs/third.test.cert.pem ]] || fail "third.test was written"
verify_issued first.test first.test
verify_issued second.test second.test
echo "PASS"
