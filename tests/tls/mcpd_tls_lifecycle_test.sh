#!/usr/bin/env bash
# mcpd with a domain: waits for certd's files (health port says not ready), comes up when
# they appear, serves MCP over TLS 1.2/1.3 with ALPN http/1.1 and session tickets, refuses
# a mismatched pair, a truncated file, an expired certificate and one for another domain
# while still serving the old one, follows a Kubernetes-style ..data symlink swap, and
# stops cleanly.
#   bash mcpd_tls_lifecycle_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"

domain=mcp.test
certs="$WORK/certs"
mkdir -p "$certs"
make_ca
make_leaf first 5 ec "$domain" localhost

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --domain "$domain" --certs-dir "$certs" --listen 127.0.0.1:0 \
  --health-listen 127.0.0.1:0 --tls-check-interval 1h --log-level debug
pid=$BG_PID
health=$(listening_port "$log" http 15)
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health/readyz")" 503 \
  "readyz while waiting for the certificate"
expect_eq "$(curl -s "http://127.0.0.1:$health/healthz")" ok "healthz while waiting"

# certd's order: the chain, then the key, each by rename.
install_file "$PKI/first.crt" "$certs/$domain.cert.pem"
install_file "$PKI/first.key" "$certs/$domain.key.pem"
port=$(listening_port "$log" https 15)
expect_eq "$(curl -s "http://127.0.0.1:$health/readyz" | head -n 1)" ready "readyz once serving"
expect_eq "$(served_serial "$port" "$domain")" "$(serial_of first)" "first served serial"

# MCP over HTTPS, verified against the test CA.
curl_tls=(curl -sS --cacert "$PKI/ca.pem" --resolve "$domain:$port:127.0.0.1")
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
run_capture "${curl_tls[@]}" -D - -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -d "$init" "https://$domain:$port/mcp"
expect_eq "$CODE" 0 "curl initialize over https: $ERR"
expect_contains "$OUT" "HTTP/1.1 200" "initialize status"
expect_contains "${OUT,,}" "mcp-session-id:" "initialize session header"
expect_contains "$OUT" '"protocolVersion":"2025-06-18"' "initialize result"

# The landing page over HTTPS: https URLs for the request's host, the served certificate's
# expiry; the plain health port's "/" only points to the main listener.
page=$("${curl_tls[@]}" "https://$domain:$port/")
expect_contains "$page" "<code id=\"mcp-url\">https://$domain:$port/mcp</code>" "landing page MCP URL"
expires=$(date -u -d "$(openssl x509 -in "$PKI/first.leaf" -noout -enddate | cut -d= -f2)" \
  '+%Y-%m-%d %H:%M UTC')
expect_contains "$page" "valid until $expires" "landing page certificate expiry"
expect_contains "$("${curl_tls[@]}" "https://$domain:$port/api/search?q=mcpd")" '"results":[{' \
  "JSON search over https"
expect_contains "$(curl -s "http://127.0.0.1:$health/")" "main listener" "health port /"

# Protocols: ALPN picks http/1.1 among h2 and http/1.1; TLS 1.1 is refused; TLS 1.3 works;
# a saved session resumes through a ticket.
s_client=(openssl s_client -connect "127.0.0.1:$port" -servername "$domain" -CAfile "$PKI/ca.pem")
run_capture "${s_client[@]}" -alpn h2,http/1.1 </dev/null
expect_contains "$OUT" "ALPN protocol: http/1.1" "ALPN"
expect_contains "$OUT" "Verify return code: 0 (ok)" "chain verification"
run_capture "${s_client[@]}" -tls1_1 </dev/null
[[ "$CODE" -ne 0 ]] || fail "a TLS 1.1 handshake succeeded: $OUT"
run_capture "${s_client[@]}" -tls1_3 </dev/null
expect_contains "$OUT" "TLSv1.3" "TLS 1.3 handshake"
"${s_client[@]}" -tls1_2 -sess_out "$WORK/session" </dev/null >/dev/null 2>&1
run_capture "${s_client[@]}" -tls1_2 -sess_in "$WORK/session" </dev/null
expect_contains "$OUT" "Reused, TLSv1.2" "session resumption through a ticket"

metric() {
  curl -s "http://127.0.0.1:$health/metrics" | awk -v m="$1" '$1 == m {print $2}'
}
expect_eq "$(metric mcpd_tls_reloads_total)" 1 "reloads after the first load"
expect_eq "$(metric mcpd_tls_certificate_not_after_seconds)" \
  "$(date -d "$(openssl x509 -in "$PKI/first.leaf" -noout -enddate | cut -d= -f2)" +%s)" \
  "metrics not_after"
curl -s "http://127.0.0.1:$health/metrics" | grep -q "sha256=\"$(openssl x509 -in "$PKI/first.leaf" \
  -outform der | sha256sum | cut -d' ' -f1)\"" || fail "metrics lack the served sha256"

# Each bad pair is refused (counted in /metrics) and the first certificate stays.
refusals=0
refused() {
  refusals=$((refusals + 1))
  local deadline=$((SECONDS + 10))
  until [[ "$(metric mcpd_tls_reload_refusals_total)" == "$refusals" ]]; do
    ((SECONDS < deadline)) || fail "$1 was not refused: $(tail -n 5 "$log")"
    sleep 0.05
  done
  expect_eq "$(served_serial "$port" "$domain")" "$(serial_of first)" "serial after $1"
  grep -q "new certificate refused, still serving serial=$(serial_of first).*$2" "$log" ||
    fail "no refusal log line for $1 mentioning '$2': $(tail -n 3 "$log")"
}
make_leaf other 5 ec "$domain"
install_file "$PKI/other.crt" "$certs/$domain.cert.pem"
refused "a mismatched pair" "does not match"
head -c 300 "$PKI/first.crt" >"$WORK/truncated.pem"
install_file "$PKI/first.key" "$certs/$domain.key.pem"
install_file "$WORK/truncated.pem" "$certs/$domain.cert.pem"
refused "a truncated certificate" "truncated PEM block"
make_leaf expired -1 ec "$domain"
install_file "$PKI/expired.key" "$certs/$domain.key.pem"
install_file "$PKI/expired.crt" "$certs/$domain.cert.pem"
refused "an expired certificate" "certificate expired at"
make_leaf foreign 5 ec other.test
install_file "$PKI/foreign.key" "$certs/$domain.key.pem"
install_file "$PKI/foreign.crt" "$certs/$domain.cert.pem"
refused "a certificate for another domain" "does not cover $domain"
grep -q 'mcpd_tls_last_reload_error_info{error=".*does not cover mcp.test.*"} 1' \
  <(curl -s "http://127.0.0.1:$health/metrics") || fail "metrics lack the last reload error"

# A Kubernetes secret volume: the public names are symlinks through ..data, and a whole new
# generation arrives as one symlink rename.
make_leaf second 5 rsa "$domain"
mkdir "$certs/..gen2"
cp "$PKI/second.crt" "$certs/..gen2/$domain.cert.pem"
cp "$PKI/second.key" "$certs/..gen2/$domain.key.pem"
ln -s ..gen2 "$certs/..data_tmp"
mv -T "$certs/..data_tmp" "$certs/..data"
ln -s "..data/$domain.cert.pem" "$certs/cert.tmp" && mv -T "$certs/cert.tmp" "$certs/$domain.cert.pem"
ln -s "..data/$domain.key.pem" "$certs/key.tmp" && mv -T "$certs/key.tmp" "$certs/$domain.key.pem"
wait_for_serial "$port" "$domain" "$(serial_of second)" 10
make_leaf third 5 ec "$domain"
mkdir "$certs/..gen3"
cp "$PKI/third.crt" "$certs/..gen3/$domain.cert.pem"
cp "$PKI/third.key" "$certs/..gen3/$domain.key.pem"
ln -s ..gen3 "$certs/..data_tmp"
mv -T "$certs/..data_tmp" "$certs/..data"
wait_for_serial "$port" "$domain" "$(serial_of third)" 10
expect_eq "$(metric mcpd_tls_reloads_total)" 3 "reloads after two swaps"

# An event that changes no byte does nothing.
unchanged_before=$(grep -c "certificate unchanged reason=inotify" "$log" || true)
cp -a "$certs/..gen3" "$certs/..gen3b"
ln -s ..gen3b "$certs/..data_tmp" && mv -T "$certs/..data_tmp" "$certs/..data"
deadline=$((SECONDS + 10))
until (($(grep -c "certificate unchanged reason=inotify" "$log" || true) > unchanged_before)); do
  ((SECONDS < deadline)) || fail "the identical swap was not looked at: $(tail -n 3 "$log")"
  sleep 0.05
done
expect_eq "$(metric mcpd_tls_reloads_total)" 3 "reloads after a swap to identical bytes"

kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
echo "ok"
