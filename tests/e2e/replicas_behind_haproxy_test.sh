#!/usr/bin/env bash
# Three mcpd replicas behind Debian's HAProxy with the shipped configuration
# (packaging/haproxy/mcpd-replicas.cfg), each serving HTTPS from its own Secret directory
# written the way the kubelet writes one, each with --replica-id mcpd-N:
# - MCP 2026-07-28 requests (stateless) and initializes are balanced round-robin over all
#   three replicas;
# - every 2025-era Streamable HTTP session and legacy SSE session reaches the replica that
#   holds it, request after request (without the routing two in three would get 404);
# - the replica holding the official v1 SDK client's session SIGKILLed under steady
#   load of stateless calls and initializes: not one failed call (HAProxy retries and
#   redispatches); its sessions get 404 with a JSON-RPC error, the others' keep working;
#   the v1 and v2 SDK clients report the 404 on their next call and a new client gets a
#   new session; the v2 client pinned to 2026-07-28 notices nothing;
#   restarted, the replica takes requests again;
# - a certificate swapped kubelet-style under every replica reaches each replica's new
#   handshakes while the balancer keeps serving.
#   bash replicas_behind_haproxy_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=../tls/tls_lib.sh
source "$(dirname "$0")/../tls/tls_lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v haproxy >/dev/null || fail "haproxy not found (scripts/deps.sh --test installs it)"
make_ca
make_leaf first 5 ec mcpd.internal localhost
make_leaf second 5 ec mcpd.internal localhost

declare -A port pid
start_replica() {  # start_replica N [PORT]
  local n=$1 log="$WORK/mcpd-$1.log"
  : >"$log"
  # Every client reaches a replica from HAProxy's address (127.0.0.1); its X-Forwarded-For
  # names the client, so the per-client caps keep their defaults (docs/kubernetes.md).
  start_bg "$log" "$MCPD" run --replica-id "mcpd-$n" --listen "127.0.0.1:${2:-0}" \
    --http-trusted-proxies 127.0.0.1 \
    --tls-cert "$WORK/secret-$n/tls.crt" --tls-key "$WORK/secret-$n/tls.key"
  pid[$n]=$BG_PID
  port[$n]=$(listening_port "$log" https 15)
}
for n in 1 2 3; do
  kubelet_write "$WORK/secret-$n" first
  start_replica "$n"
done

lb=$(free_port)
start_bg "$WORK/haproxy.log" env MCPD_LB_BIND="127.0.0.1:$lb" MCPD_1="127.0.0.1:${port[1]}" \
  MCPD_2="127.0.0.1:${port[2]}" MCPD_3="127.0.0.1:${port[3]}" MCPD_CA_FILE="$PKI/ca.pem" \
  MCPD_TLS_NAME=mcpd.internal haproxy -db -f "$repo/packaging/haproxy/mcpd-replicas.cfg"
haproxy_pid=$BG_PID
deadline=$((SECONDS + 15))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$lb/readyz")" == 200 ]]; do
  kill -0 "$haproxy_pid" 2>/dev/null || fail "haproxy exited: $(cat "$WORK/haproxy.log")"
  ((SECONDS < deadline)) || fail "nothing answers through haproxy after 15 s: $(cat "$WORK/haproxy.log")"
  sleep 0.1
done

lb_url="http://127.0.0.1:$lb"
json=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
list='{"jsonrpc":"2.0","id":2,"method":"tools/list"}'

# stateless_search: the HTTP status of one MCP 2026-07-28 tools/call (no session; the
# revision and capabilities in _meta, the method and tool mirrored in headers); the body
# goes to $WORK/stateless.
stateless='{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search","arguments":{"query":"certificate"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}'
stateless_search() {
  curl -s -o "$WORK/stateless" -w '%{http_code}\n' "${json[@]}" -H 'MCP-Protocol-Version: 2026-07-28' \
    -H 'Mcp-Method: tools/call' -H 'Mcp-Name: search' -d "$stateless" "$lb_url/mcp"
}
# served_by FROM COUNT: the servers HAProxy logged for its requests FROM+1 .. FROM+COUNT,
# sorted, unique (it logs a request once answered, so wait for the lines).
logged() { grep -cE ' mcp mcpd/mcpd-[0-9]+ ' "$WORK/haproxy.log" || true; }
served_by() {
  local deadline=$((SECONDS + 5))
  until (($(logged) >= $1 + $2)); do
    ((SECONDS < deadline)) || fail "haproxy logged $(logged) requests, expected $(($1 + $2))"
    sleep 0.05
  done
  grep -oE ' mcp mcpd/mcpd-[0-9]+ ' "$WORK/haproxy.log" | sed -n "$(($1 + 1)),$(($1 + $2))p" |
    awk '{print $2}' | sort -u | tr '\n' ' '
}

# initialize_session: prints the new session's id (empty when initialize failed).
initialize_session() {
  curl -s -D - -o /dev/null "${json[@]}" -d "$init" "$lb_url/mcp" |
    tr -d '\r' | awk 'tolower($1) == "mcp-session-id:" {print $2}'
}
# session_call ID: the HTTP status of tools/list in session ID.
session_call() {
  curl -s -o "$WORK/reply" -w '%{http_code}' "${json[@]}" -H "Mcp-Session-Id: $1" \
    -H 'MCP-Protocol-Version: 2025-06-18' -d "$list" "$lb_url/mcp"
}

# MCP 2026-07-28: stateless, round-robin over every replica.
before=$(logged)
for _ in 1 2 3 4 5 6; do
  expect_eq "$(stateless_search)" 200 "stateless search through haproxy"
  expect_contains "$(cat "$WORK/stateless")" '"result"' "stateless search result"
done
expect_eq "$(served_by "$before" 6)" "mcpd/mcpd-1 mcpd/mcpd-2 mcpd/mcpd-3 " "replicas that served six stateless calls"

# Round-robin for requests without a session; each session names its replica.
declare -A session_of
for _ in 1 2 3; do
  id=$(initialize_session)
  [[ "$id" =~ ^mcpd-([123])\.[0-9a-f]{32}$ ]] || fail "session id '$id' does not name a replica"
  session_of[${BASH_REMATCH[1]}]=$id
done
expect_eq "${#session_of[@]}" 3 "replicas reached by three initializes (${session_of[*]})"
for n in 1 2 3; do
  for _ in 1 2 3 4; do
    expect_eq "$(session_call "${session_of[$n]}")" 200 "tools/list in replica $n's session"
  done
done

# Legacy SSE: the session id comes in the stream; every POST must reach the stream's replica.
curl -sN "$lb_url/sse" >"$WORK/sse.out" &
PIDS+=($!)
endpoint=$(wait_for_match "$WORK/sse.out" '^data: /message\?sessionId=' 10)
legacy=${endpoint#data: }
[[ "$legacy" =~ sessionId=mcpd-[123]\. ]] || fail "legacy session id does not name a replica: $legacy"
for i in 1 2 3 4; do
  body="{\"jsonrpc\":\"2.0\",\"id\":$((10 + i)),\"method\":\"$([[ $i == 1 ]] && echo initialize || echo tools/list)\",\"params\":{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}"
  expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "$body" "$lb_url$legacy")" 202 "legacy POST $i through haproxy"
  [[ $i == 1 ]] && curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$lb_url$legacy"
done
wait_for_match "$WORK/sse.out" '"id":14,"result"' 10 >/dev/null

# The official v1 SDK client in a session; the replica that holds it is the one to kill.
js_dir=$(cd "$(dirname "$0")/../js" && pwd)
bash "$js_dir/install.sh" || fail "tests/js/install.sh failed"
mkfifo "$WORK/sdk.in"
start_bg "$WORK/sdk.out" bash -c 'exec node "$1" --url "$2" <"$3"' sdk \
  "$js_dir/replica_loss_check.mjs" "$lb_url" "$WORK/sdk.in"
sdk_pid=$BG_PID
exec 7>"$WORK/sdk.in"
sdk_session=$(wait_for_match "$WORK/sdk.out" '^session ' 20)
[[ "$sdk_session" =~ ^session\ mcpd-([123])\. ]] || fail "SDK session: $sdk_session"
victim=${BASH_REMATCH[1]}
# The official v2 SDK client too: in a 2025-era session on the same replica, and pinned to
# 2026-07-28 (stateless).
node22=$(bash "$js_dir/../mcp/conformance/install.sh") || fail "tests/mcp/conformance/install.sh failed"
declare -A v2_pid
for mode in session pin; do
  mkfifo "$WORK/v2-$mode.in"
  start_bg "$WORK/v2-$mode.out" bash -c 'exec "$1" "$2" --url "$3" --mode "$4" --replica "$5" <"$6"' \
    v2 "$node22" "$js_dir/replica_loss_v2_check.mjs" "$lb_url" "$mode" "mcpd-$victim" "$WORK/v2-$mode.in"
  v2_pid[$mode]=$BG_PID
done
exec 8>"$WORK/v2-session.in" 9>"$WORK/v2-pin.in"
expect_contains "$(wait_for_match "$WORK/v2-session.out" '^(session|failed) ' 20)" "session mcpd-$victim." \
  "v2 SDK client's session"
expect_contains "$(wait_for_match "$WORK/v2-pin.out" '^(session|failed) ' 20)" "session none 2026-07-28" \
  "v2 SDK client pinned to 2026-07-28"

# Kill that replica under steady load: stateless calls and new sessions. The sessions come
# from many clients (source addresses 127.0.0.10-59, named by HAProxy's X-Forwarded-For), as
# a replica's per-client cap would refuse one client opening hundreds.
load_out="$WORK/load.txt"
(
  end=$((SECONDS + 6)) i=0
  while ((SECONDS < end)); do
    stateless_search
    curl -s -o /dev/null -w '%{http_code}\n' --interface "127.0.0.$((10 + i++ % 50))" \
      "${json[@]}" -d "$init" "$lb_url/mcp"
  done >"$load_out"
) &
load_pid=$!
PIDS+=("$load_pid")
wait_for_match "$load_out" '^200$' 5 >/dev/null
kill -KILL "${pid[$victim]}"
wait_for_exit "${pid[$victim]}" 5
expect_eq "$(session_call "${session_of[$victim]}")" 404 "the dead replica's session"
expect_contains "$(cat "$WORK/reply")" '"error"' "404 body is a JSON-RPC error"
for n in 1 2 3; do
  [[ $n == "$victim" ]] && continue
  expect_eq "$(session_call "${session_of[$n]}")" 200 "replica $n's session while $victim is down"
done
# The SDK clients' next calls in their lost session (or none), then a new client.
echo go >&7
echo go >&8
echo go >&9
exec 7>&- 8>&- 9>&-
wait_for_exit "$sdk_pid" 20
sdk_report=$(cat "$WORK/sdk.out")
echo "v1 SDK client: $sdk_report"
expect_eq "$EXIT_CODE" 0 "SDK client exit code"
expect_contains "$sdk_report" "after-loss error" "the SDK reports the lost session"
expect_contains "$sdk_report" "404" "the SDK's error names the 404"
expect_contains "$sdk_report" "reconnect ok session mcpd-" "a new SDK client gets a new session"
for mode in session pin; do
  wait_for_exit "${v2_pid[$mode]}" 20
  report=$(cat "$WORK/v2-$mode.out")
  echo "v2 SDK client ($mode): $report"
  expect_eq "$EXIT_CODE" 0 "v2 SDK client ($mode) exit code"
done
expect_contains "$(cat "$WORK/v2-session.out")" "after-loss error 404" "the v2 SDK reports the lost session"
expect_contains "$(cat "$WORK/v2-session.out")" "reconnect ok session mcpd-" \
  "a new v2 SDK client gets a new session"
expect_contains "$(cat "$WORK/v2-pin.out")" "after-loss ok 5 calls" \
  "the pinned v2 SDK client notices nothing"
wait_for_exit "$load_pid" 15
calls=$(wc -l <"$load_out")
failed=$(grep -vc '^200$' "$load_out" || true)
echo "stateless calls and initializes while a replica died: $calls, failed: $failed"
((calls >= 20)) || fail "too few calls to judge the failover: $calls"
expect_eq "$failed" 0 "failed calls while a replica died ($(sort "$load_out" | uniq -c | tr '\n' ' '))"

# Restarted on its address, the replica takes new sessions again.
start_replica "$victim" "${port[$victim]}"
deadline=$((SECONDS + 20))
until [[ "$(initialize_session)" == "mcpd-$victim".* ]]; do
  ((SECONDS < deadline)) || fail "haproxy sends nothing to the restarted replica after 20 s"
done

# A new certificate, kubelet-style, under every replica.
for n in 1 2 3; do kubelet_write "$WORK/secret-$n" second; done
for n in 1 2 3; do wait_for_serial "${port[$n]}" mcpd.internal "$(serial_of second)" 10; done
for n in 1 2 3; do
  [[ $n == "$victim" ]] && continue
  expect_eq "$(session_call "${session_of[$n]}")" 200 "replica $n's session after the certificate swap"
done

kill -TERM "$haproxy_pid"
wait_for_exit "$haproxy_pid" 10
for n in 1 2 3; do
  kill -TERM "${pid[$n]}"
  wait_for_exit "${pid[$n]}" 15
  expect_eq "$EXIT_CODE" 0 "replica $n exit code after SIGTERM"
done
echo "ok"
