#!/usr/bin/env bash
# certd revoke NAME revokes the saved certificate with the account that ordered it, and
# Pebble's management interface then reports it revoked with the given reason, given by
# RFC 5280 name (keyCompromise) or by code (4); a bad reason (a CA-only one such as
# cACompromise, or 9) is a usage error and an unknown name fails.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=20 start_pebble
mapfile -t ENV < <(certd_env)
run_capture env "${ENV[@]}" CERTD_DOMAIN=gone.test "$CERTD" renew
expect_eq "$CODE" 0 "exit code of renew (stderr: $ERR)"
serial=$(openssl x509 -in "$WORK/certs/gone.test.cert.pem" -noout -serial | sed 's/serial=//')
status_of() { curl -sf --cacert "$PEBBLE_CA" "$PEBBLE_MGMT/cert-status-by-serial/$1"; }
expect_contains "$(status_of "$serial")" '"Status": "Valid"' "status before"

run_capture env "${ENV[@]}" CERTD_DOMAIN=gone.test "$CERTD" revoke --reason 9 gone.test
expect_eq "$CODE" 64 "exit code for a bad reason"
run_capture env "${ENV[@]}" CERTD_DOMAIN=gone.test "$CERTD" revoke --reason cACompromise gone.test
expect_eq "$CODE" 64 "exit code for a reason only a CA may give"
expect_contains "$ERR" "keyCompromise (1)" "the accepted reasons"
run_capture env "${ENV[@]}" CERTD_DOMAIN=gone.test "$CERTD" revoke nosuch.test
expect_eq "$CODE" 2 "exit code for an unknown name"

run_capture env "${ENV[@]}" CERTD_DOMAIN=gone.test "$CERTD" revoke --reason 4 gone.test
expect_eq "$CODE" 0 "exit code of revoke (stderr: $ERR)"
status=$(status_of "$serial")
expect_contains "$status" '"Status": "Revoked"' "status after"
expect_contains "$status" '"Reason": 4' "reason after"

run_capture env "${ENV[@]}" CERTD_DOMAIN=gone.test "$CERTD" revoke gone.test
expect_eq "$CODE" 2 "exit code when revoking twice"
expect_contains "$ERR" "alreadyRevoked" "error"

# A reason by name. keyCompromise is signed by the certificate's own key: another account
# (a fresh state directory) that the CA refuses to let revoke with its account key still
# revokes it that way, and Pebble records code 1.
run_capture env "${ENV[@]}" CERTD_DOMAIN=leaked.test "$CERTD" renew
expect_eq "$CODE" 0 "exit code of renew leaked.test (stderr: $ERR)"
serial=$(openssl x509 -in "$WORK/certs/leaked.test.cert.pem" -noout -serial | sed 's/serial=//')
other=(env "${ENV[@]}" CERTD_DOMAIN=leaked.test CERTD_STATE_DIR="$WORK/state-other")
run_capture "${other[@]}" "$CERTD" revoke --reason superseded leaked.test
expect_eq "$CODE" 2 "revoke by an account that did not order it (stderr: $ERR)"
expect_contains "$ERR" "unauthorized" "Pebble's answer to another account"
expect_contains "$(status_of "$serial")" '"Status": "Valid"' "status after the refused revoke"
run_capture "${other[@]}" "$CERTD" revoke --reason keyCompromise leaked.test
expect_eq "$CODE" 0 "exit code of revoke --reason keyCompromise (stderr: $ERR)"
expect_contains "$ERR" 'reason=keyCompromise reason_code=1 signed_by="certificate key"' "certd log"
status=$(status_of "$serial")
expect_contains "$status" '"Status": "Revoked"' "status after keyCompromise"
expect_contains "$status" '"Reason": 1' "reason after keyCompromise"
echo "PASS"
