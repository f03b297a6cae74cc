#!/usr/bin/env bash
# certd renew with the dns-01 solver (RFC 2136 + TSIG to a real Knot, Pebble validating
# through that Knot) and with the tls-alpn-01 solver, configured the way users do it:
#   1. a wildcard and its apex in one certificate over dns-01; no TXT record is left;
#   2. a wrong TSIG secret: exit 2 with the server's NOTAUTH answer, nothing installed;
#   3. tls-alpn-01 on the port Pebble validates against;
#   4. dns-persist-01: `certd account dns-persist-record` prints the account's persistent
#      record and --publish puts exactly that into Knot (dig); with dns_persist.prefer, an
#      order at a CA that does not offer dns-persist-01 (Pebble 2.4.0) falls back to dns-01;
#      a bad dns_persist.issuer is a config error (78), no issuer at all a usage error (64).
# Everything on 127.0.0.1; every process is stopped by its PID.
#   bash renew_dns01_and_tls_alpn01_test.sh CERTD MCPD
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"
source "$(dirname "$0")/knot_lib.sh"

start_knot_and_pebble

certd_env=(env CERTD_DIRECTORY="$PEBBLE_DIR_URL" CERTD_CA_BUNDLE="$PEBBLE_CA"
  CERTD_EMAIL=admin@foo.test CERTD_DNS_SERVER="127.0.0.1:$KNOT_PORT"
  CERTD_DNS_TSIG_KEY=certd-key CERTD_DNS_RESOLVERS="127.0.0.1:$KNOT_PORT"
  CERTD_DNS_AUTHORITATIVE_SERVERS="127.0.0.1:$KNOT_PORT" CERTD_DNS_PROPAGATION_TIMEOUT=20s)

# 1. dns-01: wildcard + apex.
run_capture "${certd_env[@]}" CERTD_DNS_TSIG_SECRET="$SECRET" CERTD_SOLVER=dns-01 \
  CERTD_DOMAIN='foo.test,*.foo.test' CERTD_CERTS_DIR="$WORK/certs" \
  "$CERTD" renew
expect_eq "$CODE" 0 "certd renew over dns-01 (stderr: $ERR)"
sans=$(openssl x509 -in "$WORK/certs/foo.test.cert.pem" -noout -ext subjectAltName)
expect_contains "$sans" "DNS:foo.test" "SANs"
expect_contains "$sans" "DNS:*.foo.test" "SANs"
[[ "$ERR" != *"$SECRET"* ]] || fail "the TSIG secret appeared in the log"
left=$(dig +short @127.0.0.1 -p "$KNOT_PORT" _acme-challenge.foo.test TXT)
expect_eq "$left" "" "TXT records left after issuance"

# 2. A wrong TSIG secret: the server's refusal, and nothing installed.
run_capture "${certd_env[@]}" CERTD_DNS_TSIG_SECRET="$(printf 'wrong-secret-%032d' 0 | base64)" \
  CERTD_SOLVER=dns-01 CERTD_DOMAIN=bad.foo.test CERTD_CERTS_DIR="$WORK/certs-bad" \
  "$CERTD" renew
expect_eq "$CODE" 2 "certd renew with a wrong TSIG secret"
expect_contains "$ERR" "NOTAUTH" "the server's answer"
[[ ! -e "$WORK/certs-bad/bad.foo.test.cert.pem" ]] || fail "a certificate was installed"

# 3. tls-alpn-01.
run_capture "${certd_env[@]}" CERTD_SOLVER=tls-alpn-01 CERTD_TLS_ALPN_LISTEN="127.0.0.1:$TLS_PORT" \
  CERTD_DOMAIN=bar.test CERTD_CERTS_DIR="$WORK/certs" "$CERTD" renew
expect_eq "$CODE" 0 "certd renew over tls-alpn-01 (stderr: $ERR)"
expect_contains "$(openssl x509 -in "$WORK/certs/bar.test.cert.pem" -noout -ext subjectAltName)" \
  "DNS:bar.test" "tls-alpn-01 SAN"
# 4. dns-persist-01, with the account step 1 registered (its URL is in the state folder).
account_url=$(grep -rhoE '"url": *"[^"]+"' "$WORK/certs/.certd/accounts" | head -1 |
  sed -E 's/.*"url": *"([^"]+)"/\1/')
[[ "$account_url" == https://127.0.0.1:* ]] || fail "no stored account URL: '$account_url'"
run_capture "${certd_env[@]}" CERTD_CERTS_DIR="$WORK/certs" \
  CERTD_DNS_PERSIST_ISSUER=pebble.letsencrypt.org "$CERTD" account dns-persist-record foo.test
expect_eq "$CODE" 0 "certd account dns-persist-record (stderr: $ERR)"
expect_eq "$OUT" "_validation-persist.foo.test. IN TXT \"pebble.letsencrypt.org; accounturi=$account_url\"" \
  "the printed record"
run_capture "${certd_env[@]}" CERTD_DNS_TSIG_SECRET="$SECRET" CERTD_CERTS_DIR="$WORK/certs" \
  CERTD_DNS_PERSIST_ISSUER=pebble.letsencrypt.org "$CERTD" account dns-persist-record \
  '*.persist.test' --publish
expect_eq "$CODE" 0 "certd account dns-persist-record --publish (stderr: $ERR)"
printed=$(sed -E 's/^[^"]*"(.*)"$/\1/' <<<"$OUT")
expect_eq "$printed" "pebble.letsencrypt.org; accounturi=$account_url; policy=wildcard" \
  "the printed wildcard record"
served=$(dig +short @127.0.0.1 -p "$KNOT_PORT" _validation-persist.persist.test TXT)
expect_eq "$served" "\"$printed\"" "the TXT record Knot serves"
run_capture "${certd_env[@]}" CERTD_DNS_TSIG_SECRET="$SECRET" CERTD_SOLVER=dns-01 \
  CERTD_DNS_PERSIST_PREFER=true CERTD_DOMAIN=persist.foo.test CERTD_CERTS_DIR="$WORK/certs" \
  "$CERTD" renew
expect_eq "$CODE" 0 "certd renew preferring dns-persist-01 at a CA without it (stderr: $ERR)"
expect_contains "$ERR" "dns01: txt record added" "the dns-01 fallback"
run_capture "${certd_env[@]}" CERTD_CERTS_DIR="$WORK/certs" CERTD_DNS_PERSIST_ISSUER=Pebble.Test \
  "$CERTD" account dns-persist-record foo.test
expect_eq "$CODE" 78 "a bad dns_persist.issuer"
expect_contains "$ERR" "dns_persist.issuer" "the bad key named"
run_capture "${certd_env[@]}" CERTD_CERTS_DIR="$WORK/certs" "$CERTD" account dns-persist-record \
  foo.test
expect_eq "$CODE" 64 "no issuer domain known"
expect_contains "$ERR" "set dns_persist.issuer" "the missing key named"
run_capture "${certd_env[@]}" CERTD_CERTS_DIR="$WORK/certs" CERTD_DNS_SERVER=127.0.0.1 \
  CERTD_DNS_TSIG_SECRET="$SECRET" "$CERTD" account dns-persist-record foo.test --publish
expect_eq "$CODE" 78 "--publish with a dns.server without port"
expect_contains "$ERR" "dns.server" "the bad key named"
echo "PASS"
