#!/usr/bin/env bash
# The official MCP conformance suite (@modelcontextprotocol/conformance 0.2.0-alpha.12)
# passes against the fixture server built on mcpd's protocol layer and HTTP stack
# (tests/mcp/conformance_server), in both eras on the same /mcp: every scenario that
# revision 2026-07-28 requires (stateless) and every one 2025-11-25 requires (sessions),
# including the ones the suite does not score (pending: json-schema-2020-12,
# http-header-validation, http-custom-header-server-validation). The CLI exits 0 when an
# unscored scenario fails, so the results it writes (-o DIR) are read and any failed
# check fails the test (conformance/check_results.py). The tasks extension's scenarios
# run and are reported, not judged: mcpd does not implement the extension. The fixture
# stops cleanly on SIGTERM.
#   bash conformance_test.sh CERTD MCPD [FIXTURE]
# FIXTURE defaults to mcpd_conformance_server in the build tree next to MCPD
# (BUILD/mcpd/mcpd -> BUILD/tests/mcp/conformance_server/mcpd_conformance_server).
# Needs node and npm to install the suite (tests/mcp/conformance/install.sh runs npm ci; the
# suite itself runs on the Node 22 binary it installs) and python3. All traffic stays on
# loopback.
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
suite_dir="$here/conformance"
fixture=${3:-$(dirname "$MCPD")/../tests/mcp/conformance_server/mcpd_conformance_server}
[[ -x "$fixture" ]] || fail "fixture server not found or not executable: $fixture"

node22=$(bash "$suite_dir/install.sh") || fail "tests/mcp/conformance/install.sh failed"
cli="$suite_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"
[[ -f "$cli" ]] || fail "conformance CLI missing after install: $cli"

# The requestState key: a secret file, as every replica of a deployment would share it.
secret="$WORK/state.secret"
openssl rand -hex 32 >"$secret"

log="$WORK/fixture.log"
start_bg "$log" "$fixture" --listen 127.0.0.1:0 --state-secret-file "$secret"
pid=$BG_PID
deadline=$((SECONDS + 15))
until line=$(grep -m1 -E 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' "$log" 2>/dev/null); do
  kill -0 "$pid" 2>/dev/null || fail "fixture exited before listening: $(cat "$log")"
  ((SECONDS < deadline)) || fail "fixture not listening after 15 s: $(cat "$log")"
  sleep 0.05
done
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
[[ "$port" =~ ^[0-9]+$ && "$port" -gt 0 ]] || fail "no port in: $line"

for revision in 2026-07-28 2025-11-25; do
  out="$WORK/conformance-$revision.out"
  results="$WORK/results-$revision"
  set +e
  # localhost, not 127.0.0.1: the DNS-rebinding scenario needs a host name to forge.
  (cd "$WORK" && "$node22" "$cli" server --url "http://localhost:$port/mcp" \
    --requirements "$revision" --output-dir "$results") >"$out" 2>&1
  code=$?
  set -e
  echo "--- requirements $revision (CLI exit $code)"
  if ! python3 "$suite_dir/check_results.py" "$results" --report-only tasks-; then
    echo "--- conformance output ($revision) ---" >&2
    cat "$out" >&2
    echo "--- fixture log (tail) ---" >&2
    tail -n 50 "$log" >&2
    fail "conformance failures for requirements $revision"
  fi
  ((code == 0)) || fail "conformance CLI exit code $code for requirements $revision"
done

kill -0 "$pid" 2>/dev/null || fail "fixture died during the suite: $(tail -n 50 "$log")"
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "fixture exit code after SIGTERM"
echo "ok"
