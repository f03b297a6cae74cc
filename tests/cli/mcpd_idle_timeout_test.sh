#!/usr/bin/env bash
# mcpd closes a client that stalls mid-request (a slow-header attack) and a kept-alive
# connection that stays idle, after http.idle_timeout, while other clients are served.
#   bash mcpd_idle_timeout_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0 --http-idle-timeout 1s
line=$(wait_for_match "$log" 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' 15)
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")

# closed_after SECONDS_MAX: reads fd 3 until the server closes it; prints whole seconds taken.
closed_after() {
  local start=$SECONDS
  timeout "$1" cat <&3 >"$WORK/read.out" || fail "connection still open after $1 s"
  echo $((SECONDS - start))
}

# Half a request header, never finished.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n' >&3
expect_eq "$(curl -s "http://127.0.0.1:$port/healthz")" ok "another client meanwhile"
closed_after 6 >/dev/null
[[ ! -s "$WORK/read.out" ]] || fail "a stalled request got an answer: $(cat "$WORK/read.out")"
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
