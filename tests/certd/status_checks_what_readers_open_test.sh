#!/usr/bin/env bash
# `certd status` judges the files a reader opens, not only the generation behind them: junk
# written into a.test.pem, or a key file moved over a.test.key.pem by hand, makes it fail
# with the file's name, and `certd renew` (no --force) treats that as due and repairs it.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

start_pebble
mapfile -t ENV < <(certd_env)
certd() { run_capture env "${ENV[@]}" CERTD_DOMAIN=a.test "$CERTD" "$@"; }

certd renew
expect_eq "$CODE" 0 "exit code of the first renew (stderr: $ERR)"
certd status
expect_eq "$CODE" 0 "status after the first issuance ($OUT)"

# Junk through the link lands in the live generation's combined file.
echo junk >"$WORK/certs/a.test.pem"
certd status
expect_eq "$CODE" 1 "status with junk in a.test.pem ($OUT)"
expect_contains "$OUT" "invalid" "status"
expect_contains "$OUT" "a.test.pem" "status"
certd renew
expect_eq "$CODE" 0 "renew after the junk (stderr: $ERR)"
expect_contains "$ERR" "certificate due name=a.test" "renew log"
verify_issued a.test a.test
certd status
expect_eq "$CODE" 0 "status after the repair ($OUT)"

# A key moved over the public name by hand: the name is no longer the link readers follow.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/other.key" 2>/dev/null
mv "$WORK/other.key" "$WORK/certs/a.test.key.pem"
certd status
expect_eq "$CODE" 1 "status with a replaced key file ($OUT)"
expect_contains "$OUT" "a.test.key.pem is not a link into the live generation" "status"
certd status --json
expect_contains "$OUT" '"state":"invalid"' "status --json"
certd renew
expect_eq "$CODE" 0 "renew after the replaced key (stderr: $ERR)"
verify_issued a.test a.test
certd status
expect_eq "$CODE" 0 "status after the second repair ($OUT)"
echo "PASS"
