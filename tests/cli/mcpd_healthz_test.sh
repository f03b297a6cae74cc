#!/usr/bin/env bash
# mcpd started with no configuration but a free port serves /healthz over plain HTTP,
# logs its address (as text or JSON), and stops cleanly on SIGTERM.
source "$(dirname "$0")/lib.sh"

for format in text json; do
  log="$WORK/mcpd-$format.log"
  start_bg "$log" "$MCPD" --listen 127.0.0.1:0 --log-format "$format"
  pid=$BG_PID
  if [[ $format == text ]]; then
    line=$(wait_for_match "$log" 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' 10)
    port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
  else
    line=$(wait_for_match "$log" '"msg":"listening","address":"127\.0\.0\.1:[0-9]+"' 10)
    [[ "$line" =~ ^\{\"time\":\"[0-9T:.-]+Z\",\"level\":\"info\",\"logger\":\"mcpd\.http\" ]] ||
      fail "json log line has the wrong shape: $line"
    port=$(sed -E 's/.*"address":"127\.0\.0\.1:([0-9]+)".*/\1/' <<<"$line")
  fi
  [[ "$port" =~ ^[0-9]+$ && "$port" -gt 0 ]] || fail "no port in: $line"

  body=$(curl -sS --max-time 5 -w ' %{http_code}' "http://127.0.0.1:$port/healthz")
  expect_eq "$body" "ok
 200" "GET /healthz ($format)"
  code=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/no-such-page")
  expect_eq "$code" 404 "GET of an unknown path ($format)"

  kill -TERM "$pid"
  wait_for_exit "$pid" 10
  expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM ($format)"
  grep -q 'stopped' "$log" || fail "no 'stopped' line in the log: $(cat "$log")"
done

# Port already taken: mcpd says which address and exits non-zero instead of running deaf.
log="$WORK/first.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0
line=$(wait_for_match "$log" 'listening address=' 10)
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
run_capture "$MCPD" --listen "127.0.0.1:$port"
expect_eq "$CODE" 69 "exit code when the port is taken"
expect_contains "$ERR" "listen 127.0.0.1:$port" "error names the address"
echo "ok"
