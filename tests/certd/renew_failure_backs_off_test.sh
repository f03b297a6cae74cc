#!/usr/bin/env bash
# "No retry storm": a validation that fails (certd's listener is on another port than the
# one Pebble connects to) runs the failure hook with the error in its environment and
# records the failure and its back-off in the state directory. Right after, neither a
# second `certd renew`, nor `certd renew --force`, nor a (re)started `certd run` contacts
# the CA: each says it is backing off until T.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
wrong_port=$(free_port)
HOOK='echo "$CERTD_NAME|$CERTD_DOMAINS|$CERTD_ERROR" >>"'$WORK'/failure.log"'
run_capture env "${ENV[@]}" CERTD_DOMAIN=fail.test CERTD_ACME_PORT="$wrong_port" \
  CERTD_FAILURE_HOOK="$HOOK" CERTD_DEPLOY_HOOK="touch $WORK/deployed" "$CERTD" renew
expect_eq "$CODE" 2 "exit code (stderr: $ERR)"
expect_contains "$ERR" "failure hook finished name=fail.test" "certd log"
hook_line=$(cat "$WORK/failure.log")
expect_contains "$hook_line" "fail.test|fail.test|acme: order for fail.test: authorization fail.test invalid: connection" "failure hook environment"
[[ ! -e $WORK/deployed ]] || fail "the deploy hook ran after a failure"

attempts=$(cat "$WORK/state/attempts/fail.test.json")
expect_contains "$attempts" '"consecutive_failures":1' "attempt history"
expect_contains "$attempts" '"in_progress":false' "attempt history"
until=$(sed -n 's/.*"not_before":"\([^"]*\)".*/\1/p' <<<"$attempts")
[[ -n "$until" ]] || fail "no back-off recorded: $attempts"
expect_eq "$(stat -c %a "$WORK/state/attempts/fail.test.json")" 600 "mode of the attempt file"

for args in "renew" "renew --force"; do
  # shellcheck disable=SC2086
  run_capture env "${ENV[@]}" CERTD_DOMAIN=fail.test CERTD_ACME_PORT="$wrong_port" "$CERTD" $args
  expect_eq "$CODE" 1 "exit code of certd $args during the back-off (stderr: $ERR)"
  expect_contains "$ERR" "certificate backing off name=fail.test until=$until" "certd $args log"
  [[ "$ERR" != *"http request"* ]] || fail "certd $args contacted the CA during the back-off: $ERR"
  [[ "$ERR" != *"order created"* ]] || fail "certd $args placed an order during the back-off"
done
# The failure count did not grow: nothing was attempted.
expect_contains "$(cat "$WORK/state/attempts/fail.test.json")" '"consecutive_failures":1' "attempt history"
expect_eq "$(wc -l <"$WORK/failure.log")" 1 "failure hook runs"

# A daemon (re)started in a crash loop backs off just the same, and sleeps until then.
start_bg "$WORK/run.log" env "${ENV[@]}" CERTD_DOMAIN=fail.test CERTD_ACME_PORT="$wrong_port" "$CERTD" run
run_pid=$BG_PID
wait_for_match "$WORK/run.log" "renewal loop sleeping until=" 10 >/dev/null
expect_contains "$(cat "$WORK/run.log")" "certificate backing off name=fail.test until=$until" "certd run log"
! grep -q "http request" "$WORK/run.log" || fail "certd run contacted the CA during the back-off"
kill -TERM "$run_pid"
wait_for_exit "$run_pid" 10
expect_eq "$EXIT_CODE" 0 "certd run exit code after SIGTERM"
echo "PASS"
