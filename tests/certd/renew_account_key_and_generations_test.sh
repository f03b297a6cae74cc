#!/usr/bin/env bash
# Store and account settings seen through real issuance from Pebble:
# - account_key_type rsa2048: the account is registered with an RSA key (RS256) and issues;
# - key_group: the key files are mode 0640 and owned by that group;
# - keep_generations 1: after a second issuance exactly one generation is left on disk;
# - a later account_key_type ec256 does not replace the stored RSA key (a log line says so).
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

start_pebble
mapfile -t ENV < <(certd_env)
# A group other than root's when running as root (CI); otherwise our own primary group,
# the one group an unprivileged user can always chown to.
if [[ $(id -u) == 0 ]]; then group=4242; else group=$(id -g); fi
ENV+=(CERTD_DOMAIN=gen.test CERTD_ACCOUNT_KEY_TYPE=rsa2048 CERTD_KEEP_GENERATIONS=1
  CERTD_KEY_GROUP="$group")

run_capture env "${ENV[@]}" "$CERTD" renew
expect_eq "$CODE" 0 "exit code of the first renew (stderr: $ERR)"
expect_contains "$ERR" "alg=RS256" "certd log of the registration"
account_key=$(ls "$WORK"/state/accounts/*/account.key.pem)
expect_contains "$(openssl pkey -in "$account_key" -noout -text | head -1)" "2048 bit" "account key"
openssl pkey -in "$account_key" -noout -text | grep -q "^modulus:" || fail "the account key is not RSA"
key_sha=$(sha256sum <"$account_key")
key=$WORK/certs/gen.test.key.pem
expect_eq "$(stat -L -c '%a %g' "$key")" "640 $group" "mode and group of $key"
expect_eq "$(stat -L -c '%a %g' "$WORK/certs/gen.test.pem")" "640 $group" "mode and group of gen.test.pem"
[[ "$(openssl pkey -in "$key" -pubout)" == "$(openssl x509 -in "$WORK/certs/gen.test.cert.pem" -noout -pubkey)" ]] ||
  fail "the key does not match the certificate"
first_serial=$(openssl x509 -in "$WORK/certs/gen.test.cert.pem" -noout -serial)
expect_eq "$(ls "$WORK/certs/.gen.test.gen" | wc -l)" 1 "generations after the first issuance"

run_capture env "${ENV[@]}" "$CERTD" renew --force
expect_eq "$CODE" 0 "exit code of the forced renew (stderr: $ERR)"
[[ "$(openssl x509 -in "$WORK/certs/gen.test.cert.pem" -noout -serial)" != "$first_serial" ]] ||
  fail "the forced renew did not install a new certificate"
generations=$(ls "$WORK/certs/.gen.test.gen")
expect_eq "$(wc -l <<<"$generations")" 1 "generations after the second issuance ($generations)"
expect_eq "$(readlink "$WORK/certs/.gen.test.live")" ".gen.test.gen/$generations" "live generation"
expect_eq "$(stat -L -c '%a %g' "$key")" "640 $group" "mode and group of the renewed key"

# The configured type changes; the account keeps its key and still works.
run_capture env "${ENV[@]}" CERTD_ACCOUNT_KEY_TYPE=ec256 "$CERTD" renew --force
expect_eq "$CODE" 0 "exit code with a changed account_key_type (stderr: $ERR)"
expect_contains "$ERR" "stored account key differs from account_key_type, keeping the stored key stored=rsa2048 configured=ec256" "certd log"
[[ "$ERR" != *"account registered"* ]] || fail "a new account was registered"
expect_eq "$(sha256sum <"$account_key")" "$key_sha" "account key after the type changed"
echo "PASS"
