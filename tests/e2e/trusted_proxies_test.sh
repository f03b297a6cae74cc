#!/usr/bin/env bash
# mcpd behind Debian's HAProxy on loopback, told who the clients are:
# - mcpd A trusts 127.0.0.1 (HAProxy) and reads X-Forwarded-For/-Proto only (`option
#   forwardfor`, TLS ended at HAProxy, which passes a client's own Forwarded header
#   through); mcpd B serves HTTPS after a PROXY v2 header (`send-proxy-v2 ssl`) and
#   refuses connections without one.
# - Two clients with their own source addresses, 127.0.0.2 and 127.0.0.3, get a per-client
#   session cap each through either proxy: one at its cap does not block the other, and
#   an X-Forwarded-For or Forwarded the client writes itself does not get it past its cap.
# - Through HAProxy's TLS port, the landing page shows https:// URLs.
# - The same headers sent straight to mcpd from an untrusted address change nothing: the
#   page stays http://, the cap counts the real address.
#   bash trusted_proxies_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=../tls/tls_lib.sh
source "$(dirname "$0")/../tls/tls_lib.sh"

command -v haproxy >/dev/null || fail "haproxy not found (scripts/deps.sh --test installs it)"
make_ca
make_leaf lb 5 ec localhost
cat "$PKI/lb.crt" "$PKI/lb.key" >"$PKI/lb.pem"

common=(run --listen 127.0.0.1:0 --limits-sessions-per-client 2 --http-trusted-proxies 127.0.0.1)
start_bg "$WORK/a.log" "$MCPD" "${common[@]}" --http-forwarded-header x-forwarded-for --log-level debug
a_pid=$BG_PID
start_bg "$WORK/b.log" "$MCPD" "${common[@]}" --http-proxy-protocol \
  --tls-cert "$PKI/lb.crt" --tls-key "$PKI/lb.key"
b_pid=$BG_PID
a=$(listening_port "$WORK/a.log" http 15)
b=$(listening_port "$WORK/b.log" https 15)

ff=$(free_port)
ff_tls=$(free_port)
pp=$(free_port)
cat >"$WORK/haproxy.cfg" <<CFG
defaults
    mode http
    timeout connect 2s
    timeout client 10s
    timeout server 10s
frontend forwardfor
    bind 127.0.0.1:$ff
    bind 127.0.0.1:$ff_tls ssl crt $PKI/lb.pem alpn http/1.1
    option forwardfor
    http-request set-header X-Forwarded-Proto https if { ssl_fc }
    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }
    default_backend a
backend a
    server a 127.0.0.1:$a
frontend proxy_protocol
    bind 127.0.0.1:$pp
    default_backend b
backend b
    server b 127.0.0.1:$b send-proxy-v2 ssl verify required ca-file $PKI/ca.pem verifyhost localhost sni str(localhost)
CFG
start_bg "$WORK/haproxy.log" haproxy -db -f "$WORK/haproxy.cfg"
haproxy_pid=$BG_PID
deadline=$((SECONDS + 15))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$pp/healthz")" == 200 ]]; do
  kill -0 "$haproxy_pid" 2>/dev/null || fail "haproxy exited: $(cat "$WORK/haproxy.log")"
  ((SECONDS < deadline)) || fail "nothing answers through haproxy after 15 s"
  sleep 0.1
done

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
# open_session SOURCE URL [CURL_ARGS...]: the HTTP status of an initialize from SOURCE.
open_session() {
  local source=$1 url=$2
  shift 2
  curl -s -o /dev/null -w '%{http_code}' --interface "$source" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -H 'Host: localhost' "$@" -d "$init" "$url/mcp"
}

for via in "forwardfor http://127.0.0.1:$ff" "proxy-protocol http://127.0.0.1:$pp"; do
  name=${via% *} url=${via#* }
  expect_eq "$(open_session 127.0.0.2 "$url")$(open_session 127.0.0.2 "$url")" 200200 \
    "$name: client 127.0.0.2 opens two sessions"
  expect_eq "$(open_session 127.0.0.2 "$url")" 429 "$name: client 127.0.0.2 past its cap"
  expect_eq "$(open_session 127.0.0.3 "$url")" 200 \
    "$name: client 127.0.0.3 while 127.0.0.2 is at its cap"
done
# The logs name the clients, not HAProxy.
for log in a b; do
  wait_for_match "$WORK/$log.log" 'session opened transport=streamable .*client=127\.0\.0\.3 ' 5 >/dev/null
done
expect_eq "$(open_session 127.0.0.2 "http://127.0.0.1:$ff" -H 'X-Forwarded-For: 127.0.0.9')" 429 \
  "127.0.0.2 naming itself 127.0.0.9 through HAProxy (HAProxy appends the real address)"
expect_eq "$(open_session 127.0.0.2 "http://127.0.0.1:$ff" -H 'Forwarded: for=127.0.0.9')" 429 \
  "127.0.0.2 naming itself 127.0.0.9 in Forwarded (mcpd A reads X-Forwarded-For only)"

# The landing page through HAProxy's TLS port: https:// URLs for the name the client used.
page=$(curl -s --cacert "$PKI/ca.pem" "https://localhost:$ff_tls/")
expect_contains "$page" "<code id=\"mcp-url\">https://localhost:$ff_tls/mcp</code>" \
  "landing page through HAProxy's TLS port"
page=$(curl -s "http://localhost:$ff/")
expect_contains "$page" "<code id=\"mcp-url\">http://localhost:$ff/mcp</code>" \
  "landing page through HAProxy's plain port"

# Straight to mcpd A from an untrusted address, with every forwarding header: ignored.
spoof=(-H 'X-Forwarded-For: 127.0.0.9' -H 'X-Forwarded-Proto: https' -H 'Forwarded: for=127.0.0.9;proto=https')
page=$(curl -s --interface 127.0.0.2 "${spoof[@]}" "http://localhost:$a/")
expect_contains "$page" "<code id=\"mcp-url\">http://localhost:$a/mcp</code>" \
  "landing page straight from 127.0.0.2 with X-Forwarded-Proto: https"
# 127.0.0.2 holds its two sessions on mcpd A (opened through HAProxy); naming itself
# 127.0.0.9 straight to mcpd does not get it a third.
expect_eq "$(open_session 127.0.0.2 "http://127.0.0.1:$a" "${spoof[@]}")" 429 \
  "127.0.0.2 straight to mcpd, naming itself 127.0.0.9"
# From the trusted address itself, a header that does not parse: served, logged at debug.
# (Not on /healthz: the front thread answers probes without reading forwarding headers.)
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 127.0.0.1, <oops>' \
  "http://127.0.0.1:$a/")" 200 "a malformed X-Forwarded-For from the trusted proxy"
wait_for_match "$WORK/a.log" 'forwarding header ignored' 5 >/dev/null
# A health check as HAProxy sends it (HTTP/1.0, no Host) from the trusted proxy.
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -0 -H 'Host:' "http://127.0.0.1:$a/readyz")" 200 \
  "HTTP/1.0 /readyz without Host from the trusted proxy"

# mcpd B takes no connection without a PROXY header, nor one from an untrusted address;
# after one (v1 from curl), TLS starts at the next byte.
b_curl=(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" --resolve "localhost:$b:127.0.0.1")
expect_eq "$("${b_curl[@]}" "https://localhost:$b/healthz")" 000 "mcpd B without a PROXY header"
expect_eq "$("${b_curl[@]}" --interface 127.0.0.2 --haproxy-protocol "https://localhost:$b/healthz")" \
  000 "mcpd B from an untrusted address with a PROXY header"
expect_eq "$("${b_curl[@]}" --haproxy-protocol "https://localhost:$b/healthz")" 200 \
  "mcpd B from the trusted address with a PROXY v1 header (curl --haproxy-protocol)"
kill -0 "$a_pid" && kill -0 "$b_pid" || fail "an mcpd exited"
echo "PASS"
