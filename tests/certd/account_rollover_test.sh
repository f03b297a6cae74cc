#!/usr/bin/env bash
# certd account rollover against Pebble: the account keeps its URL, the stored key changes,
# a forced renewal succeeds with the new key, and the CA refuses the old key: certd itself,
# given a copy of the state with the old key, is answered "JWS verification error", while
# the new key alone (account.json removed) is recognised as the same account.
# A held account lock keeps other processes off a pending key. The two halves of an
# interrupted rollover (a crash before the CA heard of the new key, and one after it took
# the key but before the file was renamed) are settled by the next certd command, each
# keeping the key the CA holds. Last, a CA that lost the account: the rollover fails and
# registers nothing.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=20 start_pebble
mapfile -t ENV < <(certd_env)
certd() { run_capture env "${ENV[@]}" CERTD_DOMAIN=roll.test "$@"; }
url_of() { sed -E 's/.*"url":"([^"]*)".*/\1/' "$1/account.json"; }
serial_of() { openssl x509 -in "$WORK/certs/roll.test.cert.pem" -noout -serial; }

certd "$CERTD" account frobnicate
expect_eq "$CODE" 64 "an unknown account action"
expect_contains "$ERR" "account takes one action: rollover, deactivate or dns-persist-record DOMAIN" "error"

# Nothing to roll over before an account exists; no account is registered by trying.
certd "$CERTD" account rollover
expect_eq "$CODE" 2 "rollover without an account (stderr: $ERR)"
expect_contains "$ERR" "no account for $PEBBLE_DIR_URL" "error"
[[ ! -e $WORK/state/accounts ]] || [[ -z $(ls "$WORK"/state/accounts) ]] ||
  fail "rollover created an account: $(ls -R "$WORK/state/accounts")"

certd "$CERTD" renew
expect_eq "$CODE" 0 "first renew (stderr: $ERR)"
A=$(ls -d "$WORK"/state/accounts/*)
old_key=$(cat "$A/account.key.pem")
old_url=$(url_of "$A")
[[ $old_url == https://127.0.0.1:* ]] || fail "no account URL in $A/account.json"
cp -a "$WORK/state" "$WORK/state-old"
serial_before=$(serial_of)

# `certd account` needs no domain: it manages the account, not a certificate.
run_capture env "${ENV[@]}" "$CERTD" account rollover
expect_eq "$CODE" 0 "account rollover without a configured domain (stderr: $ERR)"
expect_contains "$ERR" "account key changed url=$old_url" "certd log"
new_key=$(cat "$A/account.key.pem")
[[ "$new_key" != "$old_key" ]] || fail "the stored account key did not change"
expect_contains "$(openssl pkey -in "$A/account.key.pem" -noout -text)" "NIST CURVE: P-256" "new key type"
expect_eq "$(stat -c %a "$A/account.key.pem")" 600 "mode of the new key"
expect_eq "$(url_of "$A")" "$old_url" "account URL after the rollover"
[[ ! -e $A/account.next-key.pem ]] || fail "the pending key was left behind"

certd "$CERTD" renew --force
expect_eq "$CODE" 0 "renew --force with the new key (stderr: $ERR)"
[[ "$ERR" != *"account registered"* ]] || fail "a new account was registered: $ERR"
[[ "$(serial_of)" != "$serial_before" ]] || fail "no new certificate"
verify_issued roll.test roll.test

# The old key no longer authenticates: the same certd with the old key and the account URL.
run_capture env "${ENV[@]}" CERTD_DOMAIN=roll.test CERTD_STATE_DIR="$WORK/state-old" \
  "$CERTD" renew --force
expect_eq "$CODE" 2 "renew with the old key"
expect_contains "$ERR" "malformed: JWS verification error" "Pebble's answer to the old key"
# The new key alone finds the same account.
cp -a "$WORK/state" "$WORK/state-new"
rm "$WORK"/state-new/accounts/*/account.json
run_capture env "${ENV[@]}" CERTD_DOMAIN=roll.test CERTD_STATE_DIR="$WORK/state-new" \
  "$CERTD" renew --force
expect_eq "$CODE" 0 "renew with only the new key (stderr: $ERR)"
expect_contains "$ERR" "recovered account url=$old_url" "account of the new key"

# While another process holds the account lock (a rollover in progress there), a second
# rollover fails at once, and a renewal uses the current key and leaves the pending key.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$A/account.next-key.pem"
chmod 600 "$A/account.next-key.pem"
# One process (bash, then sleep by exec) holds the lock, so killing its PID releases it.
start_bg "$WORK/flock.log" bash -c 'exec 9>>"$1" && flock 9 && exec sleep 60' _ "$A/account.lock"
holder=$BG_PID
deadline=$((SECONDS + 10))
while flock -n "$A/account.lock" true; do
  ((SECONDS < deadline)) || fail "flock did not take $A/account.lock"
  sleep 0.05
done
certd "$CERTD" account rollover
expect_eq "$CODE" 2 "rollover while the account lock is held"
expect_contains "$ERR" "account lock: held by another process" "error"
certd "$CERTD" renew --force
expect_eq "$CODE" 0 "renew while the account lock is held (stderr: $ERR)"
expect_contains "$ERR" "a key change is in progress in another process" "certd log"
[[ -e $A/account.next-key.pem ]] || fail "the pending key of the lock holder was touched"
expect_eq "$(cat "$A/account.key.pem")" "$new_key" "account key while the lock is held"
kill "$holder"
wait "$holder" 2>/dev/null || true

# Crash before the CA heard of the new key: a pending key the CA does not know is dropped.
certd "$CERTD" renew --force
expect_eq "$CODE" 0 "renew after an unsent key change (stderr: $ERR)"
expect_contains "$ERR" "interrupted key change had not reached the CA" "certd log"
[[ ! -e $A/account.next-key.pem ]] || fail "the unsent pending key was kept"
expect_eq "$(cat "$A/account.key.pem")" "$new_key" "account key after an unsent key change"

# Crash after the CA took the new key, before the rename: the disk still names the old key
# as the account key and holds the new one as pending. Made by a real rollover whose
# result is put back into that shape.
certd "$CERTD" account rollover --key-type ec384
expect_eq "$CODE" 0 "second rollover (stderr: $ERR)"
third_key=$(cat "$A/account.key.pem")
expect_contains "$(openssl pkey -in "$A/account.key.pem" -noout -text)" "NIST CURVE: P-384" "key type"
mv "$A/account.key.pem" "$A/account.next-key.pem"
printf '%s\n' "$new_key" >"$A/account.key.pem"
certd "$CERTD" renew --force
expect_eq "$CODE" 0 "renew after a key change that reached the CA (stderr: $ERR)"
expect_contains "$ERR" "interrupted key change had reached the CA" "certd log"
expect_eq "$(cat "$A/account.key.pem")" "$third_key" "account key after settling"
[[ ! -e $A/account.next-key.pem ]] || fail "the pending key was left behind"
expect_eq "$(url_of "$A")" "$old_url" "account URL at the end"

# A CA that lost its state: the rollover fails, registers nothing and keeps the key.
restart_pebble
certd "$CERTD" account rollover
expect_eq "$CODE" 2 "rollover after the CA lost the account (stderr: $ERR)"
expect_contains "$ERR" "the CA no longer knows it), and this command registers none" "error"
expect_eq "$(cat "$A/account.key.pem")" "$third_key" "account key after the refused rollover"
expect_eq "$(url_of "$A")" "$old_url" "account URL after the refused rollover"
[[ ! -e $A/account.next-key.pem ]] || fail "the pending key was left behind"
echo "PASS"
