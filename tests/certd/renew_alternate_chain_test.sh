#!/usr/bin/env bash
# With two root hierarchies (PEBBLE_ALTERNATE_ROOTS=1), preferred_chain selects the chain
# whose topmost certificate is issued by the named root; without it the default chain is
# kept.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_ALTERNATE_ROOTS=1 PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
root0=$(pebble_root 0 | openssl x509 -noout -subject -nameopt multiline | sed -n 's/ *commonName *= //p')
root1=$(pebble_root 1 | openssl x509 -noout -subject -nameopt multiline | sed -n 's/ *commonName *= //p')
[[ -n $root0 && -n $root1 && $root0 != "$root1" ]] || fail "Pebble has no second root ($root0/$root1)"

topmost_issuer() {
  awk '/BEGIN CERT/{c++} c>1' "$1" | tail -n +1 | openssl x509 -noout -issuer -nameopt multiline |
    sed -n 's/ *commonName *= //p'
}

run_capture env "${ENV[@]}" CERTD_DOMAIN=alt.test CERTD_PREFERRED_CHAIN="$root1" "$CERTD" renew
expect_eq "$CODE" 0 "exit code with preferred_chain=$root1 (stderr: $ERR)"
verify_issued alt.test alt.test
expect_eq "$(topmost_issuer "$WORK/certs/alt.test.cert.pem")" "$root1" "topmost issuer"

run_capture env "${ENV[@]}" CERTD_DOMAIN=alt.test CERTD_PREFERRED_CHAIN="$root0" "$CERTD" renew --force
expect_eq "$CODE" 0 "exit code with preferred_chain=$root0 (stderr: $ERR)"
verify_issued alt.test alt.test
expect_eq "$(topmost_issuer "$WORK/certs/alt.test.cert.pem")" "$root0" "topmost issuer"
echo "PASS"
