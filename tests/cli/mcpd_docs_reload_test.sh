#!/usr/bin/env bash
# mcpd serves a Markdown folder, picks up a changed folder on SIGHUP without dropping its
# session, and keeps serving the old documents when a reload fails.
source "$(dirname "$0")/lib.sh"

docs="$WORK/docs"
mkdir -p "$docs"
printf -- '---\ntitle: Alpha page\n---\nThe zebra grazes near the river.\n' >"$docs/alpha.md"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0 --docs "$docs"
pid=$BG_PID
line=$(wait_for_match "$log" 'listening address=127\.0\.0\.1:[0-9]+' 20)
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
url="http://127.0.0.1:$port/mcp"

# post BODY [SESSION]: prints the response body
post() {
  curl -sS --max-time 5 -X POST "$url" -H 'Accept: application/json, text/event-stream' \
    -H 'Content-Type: application/json' ${2:+-H "Mcp-Session-Id: $2"} -d "$1"
}
session=$(curl -sS --max-time 5 -D - -o /dev/null -X POST "$url" -H 'Accept: application/json, text/event-stream' \
  -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' |
  tr -d '\r' | awk 'tolower($1)=="mcp-session-id:"{print $2}')
[[ -n "$session" ]] || fail "no session id"
search() { post "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"query\":\"$1\"}}}" "$session"; }

expect_contains "$(search zebra)" 'alpha' "search before the reload"
[[ "$(search penguin)" != *'beta'* ]] || fail "beta found before it exists"

# A new page appears after SIGHUP; the old session still works.
printf -- '# Beta page\n\nA penguin waddles on the ice.\n' >"$docs/beta.md"
kill -HUP "$pid"
wait_for_match "$log" 'documentation reloaded documents=2' 10 >/dev/null
expect_contains "$(search penguin)" '"id\":\"beta\"' "search after the reload finds the new page"

# A reload that fails (the folder is gone) keeps what was served.
mv "$docs" "$WORK/moved"
kill -HUP "$pid"
wait_for_match "$log" 'refresh failed, keeping the current documentation' 10 >/dev/null
expect_contains "$(search penguin)" '"id\":\"beta\"' "search after a failed reload"

kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM"
echo "ok"
