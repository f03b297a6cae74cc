#!/usr/bin/env bash
# A validation that cannot succeed (certd's listener is on another port than the one Pebble
# connects to) ends with exit 2 and a message naming the order, the identifier and the CA's
# reason; no files are written and the listener is gone afterwards. An untrusted CA
# certificate fails the same way.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
wrong_port=$(free_port)
run_capture env "${ENV[@]}" CERTD_DOMAIN=fail.test,ok.fail.test CERTD_ACME_PORT="$wrong_port" "$CERTD" renew
expect_eq "$CODE" 2 "exit code (stderr: $ERR)"
expect_contains "$ERR" "acme: order for fail.test: authorization " "error"
expect_contains "$ERR" " invalid: connection: " "error"
[[ ! -e $WORK/certs/fail.test.cert.pem ]] || fail "a certificate was written"
expect_contains "$ERR" "http-01 listener stopped" "certd log"
if (exec 3<>"/dev/tcp/127.0.0.1/$wrong_port") 2>/dev/null; then fail "the listener is still open"; fi

# Webroot mode with nobody serving the folder: the same failure, and the token files are
# removed on the failure path too.
mkdir -p "$WORK/unserved"
# (A fresh state directory: the first failure put fail.test in back-off in $WORK/state.)
run_capture env "${ENV[@]}" CERTD_STATE_DIR="$WORK/state-webroot" CERTD_DOMAIN=fail.test CERTD_SOLVER=webroot CERTD_WEBROOT="$WORK/unserved" \
  CERTD_ACME_PORT="$wrong_port" "$CERTD" renew
expect_eq "$CODE" 2 "exit code in webroot mode (stderr: $ERR)"
expect_contains "$ERR" "acme: order for fail.test: authorization fail.test invalid: connection: " "error"
[[ -d $WORK/unserved/.well-known/acme-challenge ]] || fail "no challenge file was ever written"
[[ -z "$(ls -A "$WORK/unserved/.well-known/acme-challenge")" ]] || fail "challenge files were left behind"

# A CA whose TLS certificate is not trusted (no ca_bundle) is refused before any request.
mapfile -t NO_BUNDLE < <(certd_env | grep -v '^CERTD_CA_BUNDLE=')
run_capture env "${NO_BUNDLE[@]}" CERTD_STATE_DIR="$WORK/state-no-bundle" CERTD_DOMAIN=fail.test "$CERTD" renew
expect_eq "$CODE" 2 "exit code without the CA bundle (stderr: $ERR)"
expect_contains "$ERR" "acme: GET $PEBBLE_DIR_URL: " "error"
echo "PASS"
