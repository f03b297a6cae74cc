#!/usr/bin/env bash
# The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, every server
# scenario: --suite all) passes against the fixture server built on mcpd's protocol layer and
# HTTP stack (tests/mcp/conformance_server), and the fixture stops cleanly on SIGTERM.
#   bash conformance_test.sh CERTD MCPD [FIXTURE]
# FIXTURE defaults to mcpd_conformance_server in the build tree next to MCPD
# (BUILD/mcpd/mcpd -> BUILD/tests/mcp/conformance_server/mcpd_conformance_server).
# Needs node and npm to install the suite (tests/mcp/conformance/install.sh runs npm ci; the
# suite itself runs on the Node 22 binary it installs). Known failures are listed, with
# reasons, in tests/mcp/conformance/expected-failures.yml. All traffic stays on loopback.
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
suite_dir="$here/conformance"
fixture=${3:-$(dirname "$MCPD")/../tests/mcp/conformance_server/mcpd_conformance_server}
[[ -x "$fixture" ]] || fail "fixture server not found or not executable: $fixture"

node22=$(bash "$suite_dir/install.sh") || fail "tests/mcp/conformance/install.sh failed"
cli="$suite_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"
[[ -f "$cli" ]] || fail "conformance CLI missing after install: $cli"

log="$WORK/fixture.log"
start_bg "$log" "$fixture" --listen 127.0.0.1:0
pid=$BG_PID
deadline=$((SECONDS + 15))
until line=$(grep -m1 -E 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' "$log" 2>/dev/null); do
  kill -0 "$pid" 2>/dev/null || fail "fixture exited before listening: $(cat "$log")"
  ((SECONDS < deadline)) || fail "fixture not listening after 15 s: $(cat "$log")"
  sleep 0.05
done
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
[[ "$port" =~ ^[0-9]+$ && "$port" -gt 0 ]] || fail "no port in: $line"

# localhost, not 127.0.0.1: the DNS-rebinding scenario needs a host name to forge.
out="$WORK/conformance.out"
set +e
(cd "$WORK" && "$node22" "$cli" server --url "http://localhost:$port/mcp" --suite all \
  --expected-failures "$suite_dir/expected-failures.yml" --output-dir "$WORK/results") >"$out" 2>&1
code=$?
set -e
# The per-scenario lines and totals, without the progress chatter.
sed -n '/=== SUMMARY ===/,$p' "$out"
if ((code != 0)); then
  echo "--- conformance output ---" >&2
  cat "$out" >&2
  echo "--- fixture log (tail) ---" >&2
  tail -n 50 "$log" >&2
  fail "conformance suite exit code $code"
fi
grep -q '^Total: [0-9]* passed, [0-9]* failed' "$out" || fail "no summary in the conformance output"

kill -0 "$pid" 2>/dev/null || fail "fixture died during the suite: $(tail -n 50 "$log")"
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "fixture exit code after SIGTERM"
echo "ok"
