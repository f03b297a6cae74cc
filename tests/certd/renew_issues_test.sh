#!/usr/bin/env bash
# certd renew obtains a certificate from a real Pebble over HTTP-01 (standalone listener)
# while Pebble rejects 40% of nonces, verifies with openssl, and a second run with the
# valid certificate on disk orders nothing (exit 1).
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=40 start_pebble
mapfile -t ENV < <(certd_env)

run_capture env "${ENV[@]}" CERTD_DOMAIN=a.test "$CERTD" renew
expect_eq "$CODE" 0 "exit code of the first renew (stderr: $ERR)"
verify_issued a.test a.test
retried=$(grep -c "bad nonce, retrying" <<<"$ERR" || true)
expect_contains "$ERR" "certificate saved name=a.test" "certd log"
account_dir=$(ls -d "$WORK"/state/accounts/*)
expect_eq "$(stat -c %a "$account_dir/account.key.pem")" 600 "mode of the account key"
expect_eq "$(stat -c %a "$account_dir")" 700 "mode of the account folder"
grep -q '"url"' "$account_dir/account.json" || fail "account.json has no url"
serial=$(openssl x509 -in "$WORK/certs/a.test.cert.pem" -noout -serial)

orders_before=$(grep -c "order created" <<<"$ERR" || true)
run_capture env "${ENV[@]}" CERTD_DOMAIN=a.test "$CERTD" renew
expect_eq "$CODE" 1 "exit code of the second renew (stderr: $ERR)"
expect_contains "$ERR" "certificate not due name=a.test" "certd log"
[[ "$ERR" != *"order created"* ]] || fail "the second run placed an order"
[[ "$ERR" != *"http request"* ]] || fail "the second run talked to the CA"
expect_eq "$(openssl x509 -in "$WORK/certs/a.test.cert.pem" -noout -serial)" "$serial" "serial"
expect_eq "$orders_before" 1 "orders in the first run"

# One issuance sends about nine POSTs, so with 40% of nonces rejected a run without a single
# badNonce happens (0.6^9, about 1%); a forced second issuance makes the retry check certain
# enough (0.6^18) without sleeping or lowering the bar.
if ((retried == 0)); then
  run_capture env "${ENV[@]}" CERTD_DOMAIN=a.test "$CERTD" renew --force
  expect_eq "$CODE" 0 "exit code of the forced renew (stderr: $ERR)"
  retried=$(grep -c "bad nonce, retrying" <<<"$ERR" || true)
fi
((retried > 0)) || fail "certd never logged a badNonce retry although Pebble rejects 40% of nonces"
echo "PASS"
