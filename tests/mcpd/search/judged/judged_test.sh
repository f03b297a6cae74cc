#!/usr/bin/env bash
# Judged search quality: mcpd and the reference peer (bench/peer: the MCP TypeScript SDK with
# minisearch) serve the same multilingual index.json (229 pages of the CNCF Cloud Native
# Glossary in 8 languages, ATTRIBUTION.md) side by side; judge.mjs asks both the frozen
# queries and asserts mcpd's targets on all of them, natural ones included: the expected
# page in the top 3 for >= 98% of queries overall and >= 95% in every language with 10 or
# more pages, >= 85% of top-3 results in the query's language, and never below the peer,
# overall and in every language. No query names a language.
source "$(dirname "$0")/../../../cli/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
peer_dir=$(cd "$here/../../../../bench/peer" && pwd)
bash "$here/../../../support/npm_ci.sh" "$peer_dir"

start_bg "$WORK/mcpd.log" "$MCPD" --listen 127.0.0.1:0 --docs "$here/glossary.json"
line=$(wait_for_match "$WORK/mcpd.log" 'listening address=127\.0\.0\.1:[0-9]+' 30)
mcpd_port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")

# The peer takes a port number: a free one, retried if another process takes it first.
for attempt in 1 2 3; do
  peer_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  start_bg "$WORK/peer.log" node "$peer_dir/peer-docs-server.mjs" --port "$peer_port" --json \
    --corpus "$here/glossary.json"
  peer_pid=$BG_PID
  deadline=$((SECONDS + 30))
  while ! grep -q 'listening on' "$WORK/peer.log" && kill -0 "$peer_pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.05
  done
  grep -q 'listening on' "$WORK/peer.log" && break
  ((attempt < 3)) || fail "peer did not start: $(cat "$WORK/peer.log")"
done

node "$here/judge.mjs" --corpus "$here/glossary.json" \
  --queries "$here/known_items.tsv,$here/natural.tsv" \
  --server "mcpd=http://127.0.0.1:$mcpd_port/mcp" --server "peer=http://127.0.0.1:$peer_port/mcp" \
  --assert mcpd:peer || fail "judged search targets missed (table above)"
