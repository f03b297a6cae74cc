#!/usr/bin/env bash
# A TLS scanner from Debian (sslscan) audits mcpd's HTTPS port with an ECDSA and then an
# RSA certificate: no protocol below TLS 1.2, TLS 1.2 and 1.3 on, only AEAD suites of at
# least 128 bits with forward secrecy, no renegotiation, no compression, not vulnerable to
# Heartbleed, and the served certificate is the one installed.
#   bash mcpd_tls_audit_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"
command -v sslscan >/dev/null || fail "sslscan is not installed (scripts/deps.sh --test)"

certs="$WORK/certs"
mkdir -p "$certs"
make_ca

audit() {  # audit PORT KEYDESC
  local out
  out=$(sslscan --no-colour --ipv4 --sni-name=localhost "127.0.0.1:$1" 2>&1) ||
    fail "sslscan failed: $out"
  local proto
  for proto in SSLv2 SSLv3 TLSv1.0 TLSv1.1; do
    grep -Eq "^$proto +disabled" <<<"$out" || fail "$proto is not disabled ($2): $out"
  done
  for proto in TLSv1.2 TLSv1.3; do
    grep -Eq "^$proto +enabled" <<<"$out" || fail "$proto is not enabled ($2): $out"
  done
  grep -q "Session renegotiation not supported" <<<"$out" || fail "renegotiation ($2): $out"
  grep -q "Compression enabled" <<<"$out" && fail "compression is enabled ($2)"
  grep -q "TLSv1.2 not vulnerable to heartbleed" <<<"$out" || fail "heartbleed ($2): $out"
  local suites weak
  suites=$(grep -E "^(Preferred|Accepted) " <<<"$out")
  [[ -n "$suites" ]] || fail "no cipher suites accepted ($2): $out"
  # Every suite: >= 128 bits, AEAD (GCM or ChaCha20-Poly1305), ephemeral key exchange.
  weak=$(awk '$3 < 128 || ($5 !~ /GCM|CHACHA20/) || ($2 == "TLSv1.2" && $5 !~ /^(ECDHE|DHE)-/)' \
    <<<"$suites")
  [[ -z "$weak" ]] || fail "weak cipher suites accepted ($2): $weak"
  grep -Eq "$2" <<<"$out" || fail "the certificate is not the $2 one: $out"
  echo "$suites" | sed "s/^/# $2: /"
}

make_leaf ec 5 ec localhost
install_file "$PKI/ec.crt" "$certs/localhost.cert.pem"
install_file "$PKI/ec.key" "$certs/localhost.key.pem"
log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --domain localhost --certs-dir "$certs" --listen 127.0.0.1:0
port=$(listening_port "$log" https 15)
audit "$port" "ECC Curve Name: +prime256v1"

make_leaf rsa 5 rsa localhost
install_file "$PKI/rsa.crt" "$certs/localhost.cert.pem"
install_file "$PKI/rsa.key" "$certs/localhost.key.pem"
wait_for_serial "$port" localhost "$(serial_of rsa)" 10
audit "$port" "RSA Key Strength: +2048"
echo "ok"
