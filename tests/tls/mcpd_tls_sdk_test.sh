#!/usr/bin/env bash
# Over HTTPS with a private test CA, the official MCP TypeScript SDK clients (v1, and v2 in
# its legacy, auto and pinned 2026-07-28 modes) pass the same checks as over plain HTTP; then the certificate is replaced while a
# legacy SSE session and a Streamable HTTP session run tool calls in a loop: new handshakes
# show the new serial and no request fails.
#   bash mcpd_tls_sdk_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"

js_dir=$(cd "$(dirname "$0")/../js" && pwd)
bash "$js_dir/install.sh" || fail "tests/js/install.sh failed"

certs="$WORK/certs"
mkdir -p "$certs"
make_ca
make_leaf first 5 ec localhost
install_file "$PKI/first.crt" "$certs/localhost.cert.pem"
install_file "$PKI/first.key" "$certs/localhost.key.pem"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --domain localhost --certs-dir "$certs" --listen 127.0.0.1:0
pid=$BG_PID
port=$(listening_port "$log" https 15)
export NODE_EXTRA_CA_CERTS="$PKI/ca.pem"

for transport in streamable sse; do
  node "$js_dir/sdk_client_check.mjs" --url "https://localhost:$port" --transport "$transport" \
    --query certificate --timeout-ms 8000 ||
    fail "SDK client check over $transport (https) failed; mcpd log: $(tail -n 30 "$log")"
done

# The v2 client in each negotiation mode, and over /sse, over HTTPS too.
node22=$(bash "$js_dir/../mcp/conformance/install.sh") || fail "tests/mcp/conformance/install.sh failed"
for mode in legacy auto pin sse; do
  "$node22" "$js_dir/v2_client_check.mjs" --url "https://localhost:$port" --mode "$mode" \
    --query certificate || fail "v2 client check ($mode, https) failed; mcpd log: $(tail -n 30 "$log")"
done

make_leaf second 5 rsa localhost
cat >"$WORK/swap.sh" <<SWAP
set -e
cp "$PKI/second.crt" "$certs/.new.cert" && mv -f "$certs/.new.cert" "$certs/localhost.cert.pem"
cp "$PKI/second.key" "$certs/.new.key" && mv -f "$certs/.new.key" "$certs/localhost.key.pem"
SWAP
node "$js_dir/tls_reload_check.mjs" --url "https://localhost:$port" --swap "bash $WORK/swap.sh" \
  --expect-serial "$(serial_of second)" ||
  fail "certificate replacement under load failed; mcpd log: $(tail -n 30 "$log")"

kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
echo "ok"
