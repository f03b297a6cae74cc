#!/usr/bin/env bash
# mcpd's connection deadlines, while other clients are served: a request head must arrive
# whole within http.header_timeout however it trickles in (408 and close otherwise), and a
# kept-alive connection idle for http.idle_timeout after its answer is closed.
#   bash mcpd_idle_timeout_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0 --http-idle-timeout 1s --http-header-timeout 2s
line=$(wait_for_match "$log" 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' 15)
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")

# closed_after SECONDS_MAX: reads fd 3 until the server closes it; prints whole seconds taken.
closed_after() {
  local start=$SECONDS
  timeout "$1" cat <&3 >"$WORK/read.out" || fail "connection still open after $1 s"
  echo $((SECONDS - start))
}

# Half a request header, never finished: 408 at the head deadline.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n' >&3
expect_eq "$(curl -s "http://127.0.0.1:$port/healthz")" ok "another client meanwhile"
closed_after 6 >/dev/null
expect_contains "$(cat "$WORK/read.out")" "HTTP/1.1 408" "a stalled request head"
expect_contains "$(cat "$WORK/read.out")" '"jsonrpc":"2.0"' "the 408's JSON-RPC error body"
exec 3<&-

# A head trickled a byte every 0.4 s: each read is quick, the whole head is not.
exec 3<>"/dev/tcp/127.0.0.1/$port"
(
  for ((i = 0; i < 15; i++)); do
    printf 'X' >&3 2>/dev/null || exit 0
    sleep 0.4 # the trickle is the attack being tested
  done
) &
trickler=$!
elapsed=$(closed_after 6)
wait "$trickler" 2>/dev/null || true
expect_contains "$(cat "$WORK/read.out")" "HTTP/1.1 408" "a trickled request head"
((elapsed <= 4)) || fail "a trickled head was cut after ${elapsed} s, not at the 2 s deadline"
exec 3<&-

# A complete request, then silence: answered, then closed.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n' >&3
closed_after 6 >/dev/null
expect_contains "$(cat "$WORK/read.out")" "HTTP/1.1 200 OK" "the answer before the idle close"
exec 3<&-

kill -TERM "$BG_PID"
wait_for_exit "$BG_PID" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
echo "ok"
