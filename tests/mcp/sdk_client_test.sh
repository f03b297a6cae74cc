#!/usr/bin/env bash
# mcpd serving a small Markdown corpus passes the official MCP TypeScript SDK client checks
# (tests/js/sdk_client_check.mjs, SDK v1) over Streamable HTTP (/mcp) and legacy HTTP+SSE
# (/sse); the v2 client (@modelcontextprotocol/client 2.4.0, tests/js/v2_client_check.mjs)
# connects in each negotiation mode (legacy: a 2025-11-25 session; auto and pinned:
# stateless 2026-07-28) and over /sse; mcpd stops cleanly on SIGTERM.
# The v2 client runs on the Node 22 binary tests/mcp/conformance/install.sh installs.
#   bash sdk_client_test.sh CERTD MCPD
# Needs node >= 18 and npm (Debian: apt-get install nodejs npm); tests/js/install.sh runs npm ci.
# SDK_CLIENT_CHECK_ARGS (optional) adds arguments to every check run, e.g. "--expect-version 2025-06-18".
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

js_dir=$(cd "$(dirname "$0")/../js" && pwd)
bash "$js_dir/install.sh" || fail "tests/js/install.sh failed"

docs="$WORK/docs"
mkdir -p "$docs/guides"
cat >"$docs/getting-started.md" <<'EOF'
---
title: "Getting Started"
description: Install the server and issue a first certificate.
---
# Getting Started

Install the package, then request a certificate for your host. The renewal
daemon keeps every certificate fresh without manual steps.
EOF
cat >"$docs/guides/renewal.md" <<'EOF'
---
title: Certificate Renewal
weight: 10
---
# Certificate Renewal

Renewal starts thirty days before a certificate expires. Failed renewals are
retried with exponential backoff, and each attempt is logged.
EOF
cat >"$docs/guides/configuration.md" <<'EOF'
---
title: "Configuration Reference"
---
# Configuration Reference

Every option can be set as a flag, an environment variable or a YAML key.
The `listen` option sets the address; the certificate directory is `certs`.
EOF
cat >"$docs/faq.md" <<'EOF'
---
title: Frequently Asked Questions
---
# Frequently Asked Questions

**Why does the health probe fail?** Check that the port is reachable from the probe.
EOF

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0 --docs "$docs"
pid=$BG_PID
# Like wait_for_match, but gives up at once if mcpd exits (e.g. on a flag it does not know).
deadline=$((SECONDS + 15))
until line=$(grep -m1 -E 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' "$log"); do
  kill -0 "$pid" 2>/dev/null || fail "mcpd exited before listening: $(cat "$log")"
  ((SECONDS < deadline)) || fail "mcpd not listening after 15 s: $(cat "$log")"
  sleep 0.05
done
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
[[ "$port" =~ ^[0-9]+$ && "$port" -gt 0 ]] || fail "no port in: $line"

read -r -a extra <<<"${SDK_CLIENT_CHECK_ARGS:-}"
for transport in streamable sse; do
  node "$js_dir/sdk_client_check.mjs" --url "http://127.0.0.1:$port" --transport "$transport" \
    --query certificate --timeout-ms 8000 "${extra[@]}" ||
    fail "SDK client check over $transport failed; mcpd log:
$(tail -n 50 "$log")"
done

node22=$(bash "$js_dir/../mcp/conformance/install.sh") || fail "tests/mcp/conformance/install.sh failed"
for mode in legacy auto pin sse; do
  "$node22" "$js_dir/v2_client_check.mjs" --url "http://127.0.0.1:$port" --mode "$mode" \
    --query certificate || fail "v2 client check ($mode) failed; mcpd log:
$(tail -n 50 "$log")"
done

kill -0 "$pid" 2>/dev/null || fail "mcpd died during the checks: $(tail -n 50 "$log")"
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
echo "ok"
