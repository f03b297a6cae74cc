#!/usr/bin/env bash
# With a CA that requires External Account Binding, certd refuses to register without
# credentials (exit 2, a clear message) and registers with eab_kid + an HMAC key read from
# a file; the key never appears in the log.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

HMAC=$(openssl rand 32 | base64 | tr '+/' '-_' | tr -d '=\n')
start_pebble ", \"externalAccountBindingRequired\": true, \"externalAccountMACKeys\": {\"kid-1\": \"$HMAC\"}"
mapfile -t ENV < <(certd_env)
curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_DIR_URL" | grep -q '"externalAccountRequired": true' ||
  fail "the directory does not require EAB"

run_capture env "${ENV[@]}" CERTD_DOMAIN=eab.test "$CERTD" renew
expect_eq "$CODE" 2 "exit code without EAB (stderr: $ERR)"
expect_contains "$ERR" "requires external account binding" "error"

# The failure put eab.test in back-off; the operator who fixes the configuration clears
# the attempt history to retry at once.
rm -rf "$WORK/state/attempts"
printf '%s\n' "$HMAC" >"$WORK/eab.key"
chmod 600 "$WORK/eab.key"
run_capture env "${ENV[@]}" CERTD_DOMAIN=eab.test CERTD_EAB_KID=kid-1 \
  CERTD_EAB_HMAC_KEY_FILE="$WORK/eab.key" "$CERTD" renew
expect_eq "$CODE" 0 "exit code with EAB (stderr: $ERR)"
verify_issued eab.test eab.test
[[ "$ERR" != *"$HMAC"* ]] || fail "the HMAC key was logged"

# A wrong key is refused by the CA, and that reason reaches the operator.
rm -rf "$WORK/state" "$WORK/certs"
WRONG=$(openssl rand 32 | base64 | tr '+/' '-_' | tr -d '=\n')
run_capture env "${ENV[@]}" CERTD_DOMAIN=eab.test CERTD_EAB_KID=kid-1 CERTD_EAB_HMAC_KEY="$WRONG" \
  "$CERTD" renew
expect_eq "$CODE" 2 "exit code with a wrong HMAC key"
expect_contains "$ERR" "acme: new account:" "error"
[[ "$ERR" != *"$WRONG"* ]] || fail "the wrong HMAC key was logged"
echo "PASS"
