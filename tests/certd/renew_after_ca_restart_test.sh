#!/usr/bin/env bash
# A CA that lost its state (Pebble restarted) answers the stored account URL with
# accountDoesNotExist; certd registers the same key again and still issues. A lost
# account.json is recovered with onlyReturnExisting instead of a new registration.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=10 start_pebble
mapfile -t ENV < <(certd_env)
run_capture env "${ENV[@]}" CERTD_DOMAIN=restart.test "$CERTD" renew
expect_eq "$CODE" 0 "exit code of the first renew (stderr: $ERR)"
account_dir=$(ls -d "$WORK"/state/accounts/*)
key_before=$(sha256sum <"$account_dir/account.key.pem")

# Lost URL, same CA: onlyReturnExisting finds the account of the stored key.
rm "$account_dir/account.json"
run_capture env "${ENV[@]}" CERTD_DOMAIN=restart.test "$CERTD" renew --force
expect_eq "$CODE" 0 "exit code after losing account.json (stderr: $ERR)"
expect_contains "$ERR" "recovered account url=" "certd log"
[[ "$ERR" != *"account registered"* ]] || fail "a new account was registered instead of recovered"

restart_pebble
run_capture env "${ENV[@]}" CERTD_DOMAIN=restart.test "$CERTD" renew --force
expect_eq "$CODE" 0 "exit code after the CA restart (stderr: $ERR)"
expect_contains "$ERR" "no longer knows the account" "certd log"
expect_contains "$ERR" "account registered" "certd log"
verify_issued restart.test restart.test
expect_eq "$(sha256sum <"$account_dir/account.key.pem")" "$key_before" "account key"
echo "PASS"
