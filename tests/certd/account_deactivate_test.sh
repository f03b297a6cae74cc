#!/usr/bin/env bash
# certd account deactivate against Pebble: without --yes it explains and changes nothing;
# with --yes the CA deactivates the account (certd with a copy of the old state is then
# refused "unauthorized ... deactivated"), the issued certificate stays valid, the account
# files move to accounts/CA/deactivated/TIME/, and the next renew registers a new account
# with a new URL. A deactivation interrupted before or while the files move is finished by
# the next command.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=20 start_pebble
mapfile -t ENV < <(certd_env)
certd() { run_capture env "${ENV[@]}" CERTD_DOMAIN=closed.test "$@"; }
url_of() { sed -E 's/.*"url":"([^"]*)".*/\1/' "$1/account.json"; }

certd "$CERTD" account deactivate --yes
expect_eq "$CODE" 2 "deactivate without an account (stderr: $ERR)"
expect_contains "$ERR" "no account for $PEBBLE_DIR_URL" "error"

certd "$CERTD" renew
expect_eq "$CODE" 0 "first renew (stderr: $ERR)"
A=$(ls -d "$WORK"/state/accounts/*)
old_url=$(url_of "$A")
old_key=$(cat "$A/account.key.pem")
serial=$(openssl x509 -in "$WORK/certs/closed.test.cert.pem" -noout -serial | sed 's/serial=//')
cp -a "$WORK/state" "$WORK/state-old"
cp -a "$WORK/state" "$WORK/state-half"

certd "$CERTD" account deactivate
expect_eq "$CODE" 64 "deactivate without --yes"
expect_contains "$ERR" "cannot be undone" "explanation"
expect_contains "$ERR" "--yes" "explanation"
expect_eq "$(url_of "$A")" "$old_url" "account untouched without --yes"

certd "$CERTD" account deactivate --yes
expect_eq "$CODE" 0 "deactivate --yes (stderr: $ERR)"
expect_contains "$ERR" "account deactivated url=$old_url" "certd log"
[[ ! -e $A/account.key.pem && ! -e $A/account.json ]] || fail "the account files stayed in place"
moved=$(ls -d "$A"/deactivated/*)
expect_eq "$(cat "$moved/account.key.pem")" "$old_key" "key kept under deactivated/"
expect_eq "$(url_of "$moved")" "$old_url" "account.json kept under deactivated/"
expect_eq "$(stat -c %a "$moved")" 700 "mode of $moved"

# The CA refuses the old account now, and the certificate it issued stays valid.
run_capture env "${ENV[@]}" CERTD_DOMAIN=closed.test CERTD_STATE_DIR="$WORK/state-old" \
  "$CERTD" renew --force
expect_eq "$CODE" 2 "renew with the deactivated account"
expect_contains "$ERR" "unauthorized: Account has been deactivated" "Pebble's answer"
expect_contains "$(curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_MGMT/cert-status-by-serial/$serial")" \
  '"Status": "Valid"' "certificate of the deactivated account"

# Interrupted runs: (1) the CA deactivated the account but the files stayed (a copy of the
# state from before): deactivate again finds the CA refusing the account and moves them;
# (2) the key was moved but account.json stayed: the next renew registers a new account.
run_capture env "${ENV[@]}" CERTD_DOMAIN=closed.test CERTD_STATE_DIR="$WORK/state-old" \
  "$CERTD" account deactivate --yes
expect_eq "$CODE" 0 "deactivate an account the CA already deactivated (stderr: $ERR)"
expect_contains "$ERR" "the CA already refuses the account url=$old_url" "certd log"
O=$(ls -d "$WORK"/state-old/accounts/*)
[[ ! -e $O/account.key.pem && ! -e $O/account.json ]] || fail "files left: $(ls "$O")"
expect_eq "$(cat "$O"/deactivated/*/account.key.pem)" "$old_key" "key moved aside"
H=$(ls -d "$WORK"/state-half/accounts/*)
mkdir -p "$H/deactivated/x" && mv "$H/account.key.pem" "$H/deactivated/x/"
run_capture env "${ENV[@]}" CERTD_DOMAIN=closed.test CERTD_STATE_DIR="$WORK/state-half" \
  CERTD_CERTS_DIR="$WORK/certs-half" "$CERTD" renew
expect_eq "$CODE" 0 "renew with a URL left without its key (stderr: $ERR)"
expect_contains "$ERR" "account registered url=" "certd log"
[[ $(url_of "$H") != "$old_url" ]] || fail "the deactivated account's URL was kept"

# The next issuance registers a new account.
certd "$CERTD" renew --force
expect_eq "$CODE" 0 "renew after deactivation (stderr: $ERR)"
expect_contains "$ERR" "account registered url=" "certd log"
new_url=$(url_of "$A")
[[ -n $new_url && $new_url != "$old_url" ]] || fail "no new account: $new_url"
[[ "$(cat "$A/account.key.pem")" != "$old_key" ]] || fail "the deactivated key was reused"
verify_issued closed.test closed.test
echo "PASS"
