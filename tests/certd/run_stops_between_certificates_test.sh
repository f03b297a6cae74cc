#!/usr/bin/env bash
# SIGTERM during a pass of `certd run` over several certificates: the order that is running
# finishes (its certificate is installed), the remaining certificates are not ordered, and
# certd exits 0. The first order is held inside its HTTP-01 validation by a test web server
# that serves the webroot only once the test opens a gate (polled, with a deadline).
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
mkdir -p "$WORK/www"
# One order at a time, so that second.test is still waiting when SIGTERM comes.
cat >"$WORK/certd.yaml" <<YAML
max_concurrent_orders: 1
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
wait_for_match "$WORK/certd.log" "order created name=first.test" 30 >/dev/null
kill -TERM "$certd_pid"
touch "$WORK/gate"
wait_for_exit "$certd_pid" 30
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM ($(cat "$WORK/certd.log"))"
log=$(cat "$WORK/certd.log")
expect_contains "$log" "certificate saved name=first.test generation=1 " "certd log"
expect_contains "$log" "renewal pass interrupted before name=second.test" "certd log"
expect_contains "$log" "renewal loop stopped" "certd log"
[[ "$log" != *"order created name=second.test"* ]] || fail "second.test was ordered after SIGTERM"
[[ ! -e $WORK/certs/second.test.cert.pem ]] || fail "second.test was written"
verify_issued first.test first.test
echo "PASS"
