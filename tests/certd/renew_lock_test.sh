#!/usr/bin/env bash
# Two `certd renew` processes on one certs and state directory: exactly one places an order
# (the certificate lock); the other says the certificate is locked by the first one's pid
# and exits 2 without contacting the CA for it. To make the overlap certain rather than a
# race, the first one uses the webroot solver behind a test web server that holds Pebble's
# validation requests until the test opens a gate (polled, with a deadline), so it holds
# the lock while the second one starts. The pair on disk is the first one's.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
ENV+=(CERTD_DOMAIN=lock.test CERTD_SOLVER=webroot CERTD_WEBROOT="$WORK/www")
mkdir -p "$WORK/www"

start_gated_webroot

start_bg "$WORK/one.log" env "${ENV[@]}" "$CERTD" renew
one=$BG_PID
# It holds the lock from "certificate due" until the certificate is installed.
wait_for_match "$WORK/one.log" "certificate due name=lock.test" 30 >/dev/null
wait_for_match "$WORK/one.log" "webroot.*lock.test|challenge|authorization" 30 >/dev/null

run_capture env "${ENV[@]}" "$CERTD" renew
expect_eq "$CODE" 2 "exit code of the process that found the lock taken (stderr: $ERR)"
expect_contains "$ERR" "certificate locked name=lock.test error=\"lock lock.test: held by pid $one" "second process's log"
[[ "$ERR" != *"order created"* ]] || fail "the second process placed an order"
[[ "$ERR" != *"http request"* ]] || fail "the second process contacted the CA"

touch "$WORK/gate"
wait_for_exit "$one" 60
expect_eq "$EXIT_CODE" 0 "exit code of the process that ordered ($(cat "$WORK/one.log"))"
expect_eq "$(grep -c "order created" "$WORK/one.log")" 1 "orders placed by the first process"
verify_issued lock.test lock.test

# Afterwards the lock is free and the certificate is there: nothing is due.
run_capture env "${ENV[@]}" "$CERTD" renew
expect_eq "$CODE" 1 "exit code of a third renew (stderr: $ERR)"
echo "PASS"
