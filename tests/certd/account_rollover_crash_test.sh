#!/usr/bin/env bash
# `certd account rollover` SIGKILLed at random instants (the random delay only picks the
# kill instant; everything else polls or waits for exit), at least 40 times against Pebble.
# After every kill the next certd command must find the key the CA holds: `certd renew
# --force` succeeds with the same account URL and registers no account, and at most the
# pending key of a rollover that is settled by that command was left. Kills that land
# between writing the pending key and the CA's answer show up as "interrupted key change"
# lines; their count is printed.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

KILLS=${CRASH_KILLS:-40}
PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
ENV+=("CERTD_DOMAIN=rollcrash.test" "CERTD_LOG_LEVEL=info")
url_of() { sed -E 's/.*"url":"([^"]*)".*/\1/' "$1/account.json"; }

run_capture env "${ENV[@]}" "$CERTD" renew
expect_eq "$CODE" 0 "first renew (stderr: $ERR)"
A=$(ls -d "$WORK"/state/accounts/*)
url=$(url_of "$A")
start=$(now_ms)
run_capture env "${ENV[@]}" "$CERTD" account rollover
expect_eq "$CODE" 0 "first rollover (stderr: $ERR)"
span=$(($(now_ms) - start))
((span > 20)) || span=20

killed=0 completed=0 reached=0 not_reached=0
for ((i = 1; killed < KILLS; i++)); do
  ((i <= 3 * KILLS)) || fail "only $killed of $((i - 1)) rollovers were killed (the rest finished first)"
  before=$(cat "$A/account.key.pem")
  kill_at_random_instant "$span" "$WORK/rollover.log" env "${ENV[@]}" "$CERTD" account rollover
  code=$KILL_CODE
  [[ $code == 137 || $code == 0 ]] || fail "rollover $i failed ($code): $(cat "$WORK/rollover.log")"
  if [[ $code == 0 ]]; then completed=$((completed + 1)); else killed=$((killed + 1)); fi

  rm -rf "$WORK/state/attempts" # a killed run is not this test's subject; see renew_crash_test.sh
  run_capture env "${ENV[@]}" "$CERTD" renew --force
  expect_eq "$CODE" 0 "renew after rollover $i (exit $code) (stderr: $ERR)"
  [[ "$ERR" != *"account registered"* ]] || fail "renew after rollover $i registered an account: $ERR"
  expect_eq "$(url_of "$A")" "$url" "account URL after rollover $i"
  [[ ! -e $A/account.next-key.pem ]] || fail "a pending key is left after rollover $i: $ERR"
  [[ $ERR == *"had reached the CA"* ]] && reached=$((reached + 1))
  [[ $ERR == *"had not reached the CA"* ]] && not_reached=$((not_reached + 1))
  if [[ $code == 0 && "$(cat "$A/account.key.pem")" == "$before" ]]; then
    fail "rollover $i finished but the key did not change"
  fi
done
echo "ok: $killed SIGKILLs, $completed rollovers finished first; settled afterwards: $reached had reached the CA, $not_reached had not"
echo "PASS"
