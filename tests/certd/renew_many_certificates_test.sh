#!/usr/bin/env bash
# One `certd renew` issues several certificates from a YAML `certificates:` list over one
# account: three SANs on ECDSA P-256, RSA 2048 and ECDSA P-384 keys, at most two orders at
# a time (max_concurrent_orders), each worker over one kept-alive connection. Pebble
# rejects 30% of nonces.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=30 start_pebble
mapfile -t ENV < <(certd_env)
cat >"$WORK/certd.yaml" <<YAML
max_concurrent_orders: 2
certificates:
  - name: shop
    domains: [shop.test, www.shop.test, api.shop.test]
  - name: legacy
    domains: [legacy.test]
    key_type: rsa2048
  - domains: [strong.test]
    key_type: ec384
YAML

run_capture env "${ENV[@]}" "$CERTD" renew --config "$WORK/certd.yaml"
expect_eq "$CODE" 0 "exit code (stderr: $ERR)"
verify_issued shop shop.test www.shop.test api.shop.test
verify_issued legacy legacy.test
verify_issued strong.test strong.test
expect_contains "$(openssl pkey -in "$WORK/certs/legacy.key.pem" -noout -text)" "Private-Key: (2048 bit" "legacy key"
expect_contains "$(openssl pkey -in "$WORK/certs/strong.test.key.pem" -noout -text)" "NIST CURVE: P-384" "strong key"
expect_contains "$(openssl pkey -in "$WORK/certs/shop.key.pem" -noout -text)" "NIST CURVE: P-256" "shop key"
expect_contains "$ERR" "connections=2" "one kept-alive connection per concurrent order"
expect_eq "$(grep -c "account registered" <<<"$ERR")" 1 "accounts registered"

# Only the named certificate, forced.
run_capture env "${ENV[@]}" "$CERTD" renew --force --config "$WORK/certd.yaml" legacy
expect_eq "$CODE" 0 "exit code of renew --force legacy (stderr: $ERR)"
expect_eq "$(grep -c "order created" <<<"$ERR")" 1 "orders for renew --force legacy"
expect_contains "$ERR" "connections=1" "one connection for one certificate"
[[ "$ERR" != *"account registered"* ]] || fail "the stored account was not reused"
run_capture env "${ENV[@]}" "$CERTD" renew --config "$WORK/certd.yaml" nosuch
expect_eq "$CODE" 2 "exit code for an unknown name"
expect_contains "$ERR" 'no certificate named "nosuch"' "error"
echo "PASS"
