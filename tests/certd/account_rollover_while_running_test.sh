#!/usr/bin/env bash
# certd account rollover while `certd run` keeps 30-second certificates renewed (renewal
# at half the lifetime): the daemon is not restarted, and its next renewal is made with the
# new key for the same account: the renewal succeeds, no account is registered, and a copy
# of the state with the old key is refused by Pebble.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=20 start_pebble ', "certificateValidityPeriod": 30'
mapfile -t ENV < <(certd_env)
certd_env=(env "${ENV[@]}" CERTD_DOMAIN=live.test)

start_bg "$WORK/certd.log" "${certd_env[@]}" "$CERTD" run
CERTD_PID=$BG_PID
wait_for_match "$WORK/certd.log" "certificate saved name=live.test generation=1 " 30 >/dev/null
wait_for_match "$WORK/certd.log" "renewal loop sleeping until=" 10 >/dev/null
A=$(ls -d "$WORK"/state/accounts/*)
url=$(sed -E 's/.*"url":"([^"]*)".*/\1/' "$A/account.json")
old_key=$(cat "$A/account.key.pem")
cp -a "$WORK/state" "$WORK/state-old"

run_capture "${certd_env[@]}" "$CERTD" account rollover
expect_eq "$CODE" 0 "rollover while certd run sleeps (stderr: $ERR)"
[[ "$(cat "$A/account.key.pem")" != "$old_key" ]] || fail "the account key did not change"
lines_before=$(wc -l <"$WORK/certd.log")

deadline=$((SECONDS + 60))
until grep -q "certificate saved name=live.test generation=2 " "$WORK/certd.log"; do
  ((SECONDS < deadline)) || fail "no renewal within 60 s: $(cat "$WORK/certd.log")"
  kill -0 "$CERTD_PID" || fail "certd exited: $(cat "$WORK/certd.log")"
  sleep 0.2
done
after=$(tail -n +"$((lines_before + 1))" "$WORK/certd.log")
[[ "$after" != *"account registered"* ]] || fail "the daemon registered a new account: $after"
[[ "$after" != *"certificate attempt failed"* ]] || fail "a renewal attempt failed: $after"
expect_contains "$after" "using stored account url=$url" "account of the renewal"
verify_issued live.test live.test

run_capture env "${ENV[@]}" CERTD_DOMAIN=live.test CERTD_STATE_DIR="$WORK/state-old" \
  CERTD_CERTS_DIR="$WORK/certs-old" "$CERTD" renew
expect_eq "$CODE" 2 "renew with the old key"
expect_contains "$ERR" "JWS verification error" "Pebble's answer to the old key"

kill -TERM "$CERTD_PID"
wait_for_exit "$CERTD_PID" 10
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM"
echo "PASS"
