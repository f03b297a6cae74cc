#!/usr/bin/env bash
# Two `certd renew` processes started at once on one certs and state directory: exactly one
# places an order (the certificate lock); the other says the certificate is locked by the
# first one's pid, and exits 2 without contacting the CA for it. The pair on disk is the
# winner's.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
# One account first, so both processes go straight to the order.
run_capture env "${ENV[@]}" CERTD_DOMAIN=setup.test "$CERTD" renew
expect_eq "$CODE" 0 "setup renew (stderr: $ERR)"

env "${ENV[@]}" CERTD_DOMAIN=lock.test "$CERTD" renew >"$WORK/one.log" 2>&1 &
one=$!
env "${ENV[@]}" CERTD_DOMAIN=lock.test "$CERTD" renew >"$WORK/two.log" 2>&1 &
two=$!
PIDS+=("$one" "$two")
wait_for_exit "$one" 60
code_one=$EXIT_CODE
wait_for_exit "$two" 60
code_two=$EXIT_CODE

orders=$(cat "$WORK/one.log" "$WORK/two.log" | grep -c "order created" || true)
expect_eq "$orders" 1 "orders placed by both processes together"
if grep -q "order created" "$WORK/one.log"; then
  winner=$one winner_code=$code_one loser_log=$WORK/two.log loser_code=$code_two
else
  winner=$two winner_code=$code_two loser_log=$WORK/one.log loser_code=$code_one
fi
expect_eq "$winner_code" 0 "exit code of the process that ordered"
expect_eq "$loser_code" 2 "exit code of the process that found the lock taken"
expect_contains "$(cat "$loser_log")" "certificate locked name=lock.test: lock lock.test: held by pid $winner" "loser's log"
verify_issued lock.test lock.test
echo "PASS"
