#!/usr/bin/env bash
# The shipped mcpd (built-in docs, no test tools) passes the MCP conformance scenarios of
# revision 2026-07-28 that need no fixture: server-stateless, tools-list, resources-list,
# dns-rebinding-protection, caching and sep-2164-resource-not-found
# (@modelcontextprotocol/conformance 0.2.0-alpha.12). Every check of those scenarios must
# pass, except the server-stateless checks that can only run against the suite's
# diagnostic test_* tools, which a documentation server does not have; they are listed.
#   bash mcpd_conformance_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

suite_dir="$(cd "$(dirname "$0")" && pwd)/conformance"
node22=$(bash "$suite_dir/install.sh") || fail "tests/mcp/conformance/install.sh failed"
cli="$suite_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0
pid=$BG_PID
deadline=$((SECONDS + 15))
until line=$(grep -m1 -E 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' "$log" 2>/dev/null); do
  kill -0 "$pid" 2>/dev/null || fail "mcpd exited before listening: $(cat "$log")"
  ((SECONDS < deadline)) || fail "mcpd not listening after 15 s: $(cat "$log")"
  sleep 0.05
done
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")

results="$WORK/results"
for scenario in server-stateless tools-list resources-list dns-rebinding-protection caching \
  sep-2164-resource-not-found; do
  # localhost, not 127.0.0.1: the DNS-rebinding scenario needs a host name to forge.
  (cd "$WORK" && "$node22" "$cli" server --url "http://localhost:$port/mcp" --scenario "$scenario" \
    --spec-version 2026-07-28 --output-dir "$results") >>"$WORK/conformance.out" 2>&1 || true
done
python3 "$suite_dir/check_results.py" "$results" --allow-untestable-tool server-stateless || {
  tail -n 80 "$WORK/conformance.out" >&2
  fail "mcpd fails 2026-07-28 conformance checks"
}
count=$(find "$results" -name checks.json | wc -l)
expect_eq "$count" 6 "scenarios with results"

kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
echo "ok"
