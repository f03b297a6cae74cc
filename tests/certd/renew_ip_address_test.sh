#!/usr/bin/env bash
# IP address certificates (RFC 8738) from Pebble: 127.0.0.1 and ::1 in one certificate over
# http-01 (certd's listener on every address, so Pebble reaches it on both), and 127.0.0.1
# and ::1 over tls-alpn-01 (Pebble sends the reverse-DNS name, 1.0.0.127.in-addr.arpa.,
# as SNI). The leaves carry IP SANs and no DNS name, and certd status accepts them.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

PEBBLE_WFE_NONCEREJECT=20 PEBBLE_AUTHZREUSE=0 start_pebble
mapfile -t ENV < <(certd_env)
sans_of() { openssl x509 -in "$WORK/certs/$1.cert.pem" -noout -ext subjectAltName; }

# http-01 for an IPv4 and an IPv6 address; the listener takes both.
run_capture env "${ENV[@]}" CERTD_ACME_LISTEN= CERTD_DOMAIN=127.0.0.1,::1 "$CERTD" renew
expect_eq "$CODE" 0 "renew over http-01 (stderr: $ERR)"
sans=$(sans_of 127.0.0.1)
expect_contains "$sans" "IP Address:127.0.0.1" "SANs of the http-01 certificate"
expect_contains "$sans" "IP Address:0:0:0:0:0:0:0:1" "SANs of the http-01 certificate"
[[ "$sans" != *"DNS:"* ]] || fail "a DNS name in an IP certificate: $sans"
verify_issued 127.0.0.1

# tls-alpn-01 for 127.0.0.1, in its own certs directory.
run_capture env "${ENV[@]}" CERTD_SOLVER=tls-alpn-01 CERTD_TLS_ALPN_LISTEN="127.0.0.1:$TLS01_PORT" \
  CERTD_DOMAIN=127.0.0.1 CERTD_CERTS_DIR="$WORK/certs-alpn" "$CERTD" renew
expect_eq "$CODE" 0 "renew over tls-alpn-01 (stderr: $ERR)"
expect_eq "$(openssl x509 -in "$WORK/certs-alpn/127.0.0.1.cert.pem" -noout -ext subjectAltName |
  tail -n1 | tr -d ' ')" "IPAddress:127.0.0.1" "SANs of the tls-alpn-01 certificate"

# tls-alpn-01 for ::1 (SNI 1.0.0...0.ip6.arpa), the listener on [::1]; the files are named
# __1.* (a file name holds no ':').
run_capture env "${ENV[@]}" CERTD_SOLVER=tls-alpn-01 CERTD_TLS_ALPN_LISTEN="[::1]:$TLS01_PORT" \
  CERTD_DOMAIN=::1 CERTD_CERTS_DIR="$WORK/certs-alpn6" "$CERTD" renew
expect_eq "$CODE" 0 "renew ::1 over tls-alpn-01 (stderr: $ERR)"
expect_eq "$(openssl x509 -in "$WORK/certs-alpn6/__1.cert.pem" -noout -ext subjectAltName |
  tail -n1 | tr -d ' ')" "IPAddress:0:0:0:0:0:0:0:1" "SANs of the ::1 tls-alpn-01 certificate"

run_capture env "${ENV[@]}" CERTD_DOMAIN=127.0.0.1,::1 "$CERTD" status
expect_eq "$CODE" 0 "certd status of the IP certificate (stdout: $OUT, stderr: $ERR)"
echo "PASS"
