#!/usr/bin/env bash
# Webroot mode: another web server (python3 -m http.server on 127.0.0.1) serves the folder
# where certd writes the challenge files; certd removes them afterwards.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=20 start_pebble
mapfile -t ENV < <(certd_env)
mkdir -p "$WORK/www"
start_bg "$WORK/http.log" python3 -m http.server --bind 127.0.0.1 --directory "$WORK/www" "$HTTP01_PORT"
wait_for_port "$HTTP01_PORT" 10

run_capture env "${ENV[@]}" CERTD_DOMAIN=web.test,www.web.test CERTD_SOLVER=webroot \
  CERTD_WEBROOT="$WORK/www" "$CERTD" renew
expect_eq "$CODE" 0 "exit code (stderr: $ERR)"
verify_issued web.test web.test www.web.test
expect_contains "$(cat "$WORK/http.log")" "GET /.well-known/acme-challenge/" "web server log"
[[ -z "$(ls -A "$WORK/www/.well-known/acme-challenge")" ]] || fail "challenge files were left behind"
[[ "$ERR" != *"http-01 listener started"* ]] || fail "the standalone listener ran in webroot mode"
echo "PASS"
