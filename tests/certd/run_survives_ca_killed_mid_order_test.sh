#!/usr/bin/env bash
# The CA dies in the middle of an order (SIGKILL while it is validating) and comes back
# with no memory (a restarted Pebble forgets accounts and orders). What the user sees from
# `certd run`: no crash and no hang, one clear error in the log, the failure and its
# back-off recorded in the state directory, no requests while backing off (no retry storm),
# and after the back-off one new registration of the same account key and a valid
# certificate from the restarted CA.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

# Each validation first sleeps a random 0..599 s, which holds the order open until the CA
# is killed (at once, so the test does not wait for it); the restarted CA does not sleep.
PEBBLE_VA_NOSLEEP=0 PEBBLE_VA_SLEEPTIME=600 PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
start_bg "$WORK/certd.log" env "${ENV[@]}" CERTD_DOMAIN=midorder.test "$CERTD" run
certd_pid=$BG_PID

# In flight: certd answered the challenge and Pebble is validating it.
wait_for_match "$WORK/pebble.log" "Sleeping for .* before validating" 30 >/dev/null
expect_contains "$(cat "$WORK/certd.log")" "order created" "certd log before the CA dies"
kill -KILL "$PEBBLE_PID"
wait "$PEBBLE_PID" 2>/dev/null || true
cp "$WORK/pebble.log" "$WORK/pebble-before-kill.log"

wait_for_match "$WORK/certd.log" "certificate attempt failed name=midorder.test failures=1 next_attempt=" 60 >/dev/null
# The cause, in one line naming the certificate and the dead connection.
error_line=$(grep -m1 -E " error certd.*midorder\.test" "$WORK/certd.log" || true)
echo "certd logged: $error_line"
grep -qiE "refused|reset|closed|timeout" <<<"$error_line" || fail "no clear error for the dead CA: $(cat "$WORK/certd.log")"
wait_for_match "$WORK/certd.log" "renewal loop sleeping until=" 10 >/dev/null
kill -0 "$certd_pid" 2>/dev/null || fail "certd run exited after the CA died: $(cat "$WORK/certd.log")"
attempts=$(cat "$WORK/state/attempts/midorder.test.json")
expect_contains "$attempts" '"consecutive_failures":1' "attempt history"
expect_contains "$attempts" '"in_progress":false' "attempt history"
until=$(sed -n 's/.*"not_before":"\([^"]*\)".*/\1/p' <<<"$attempts")
[[ -n "$until" ]] || fail "no back-off recorded: $attempts"
(($(date -d "$until" +%s) > $(date +%s) + 30)) || fail "back-off until $until is too short"
[[ ! -e $WORK/certs/midorder.test.cert.pem ]] || fail "a certificate appeared without a CA"

# The CA comes back empty. certd waits out its back-off without a single request. No
# rejected nonces here either: a badNonce retry would count as a second registration below.
PEBBLE_WFE_NONCEREJECT=0 run_pebble
restarted_at=$SECONDS
account_key_sha=$(sha256sum <"$(ls "$WORK"/state/accounts/*/account.key.pem)")
wait_for_match "$WORK/certd.log" "certificate saved name=midorder.test generation=1 " 90 >/dev/null
kill -0 "$certd_pid" 2>/dev/null || fail "certd run exited: $(cat "$WORK/certd.log")"
((SECONDS - restarted_at >= 20)) || fail "certd retried after $((SECONDS - restarted_at)) s, before its back-off"
verify_issued midorder.test midorder.test
expect_contains "$(cat "$WORK/certd.log")" "no longer knows the account" "certd log after the restart"
expect_eq "$(sha256sum <"$(ls "$WORK"/state/accounts/*/account.key.pem)")" "$account_key_sha" "account key"

# No retry storm: the dead CA saw one account and one order; the restarted one one
# re-registration and the orders of one attempt.
count() { grep -c "$1" "$2" || true; }
expect_eq "$(count "POST /sign-me-up" "$WORK/pebble-before-kill.log")" 1 "new-account requests before the kill"
expect_eq "$(count "POST /order-plz" "$WORK/pebble-before-kill.log")" 1 "new-order requests before the kill"
expect_eq "$(count "POST /sign-me-up" "$WORK/pebble.log")" 1 "new-account requests after the restart"
orders=$(count "POST /order-plz" "$WORK/pebble.log")
((orders >= 1 && orders <= 2)) || fail "new-order requests after the restart: $orders"
expect_contains "$(cat "$WORK/state/attempts/midorder.test.json")" '"consecutive_failures":0' "attempt history after success"

kill -TERM "$certd_pid"
wait_for_exit "$certd_pid" 10
expect_eq "$EXIT_CODE" 0 "certd run exit code after SIGTERM"
echo "PASS"
