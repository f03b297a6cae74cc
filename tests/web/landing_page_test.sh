#!/usr/bin/env bash
# mcpd's landing page as a person sees it: mcpd serves a small corpus over plain HTTP
# (tests/mcpd/corpus/fixtures/landing); curl checks the page's headers and the JSON search
# endpoint's errors; Debian's headless Chromium (tests/js/landing_page_check.mjs, driven by
# playwright-core) opens "/", checks the title, types a query into the search box and waits
# for a result, taking a screenshot before and after; tesseract then reads the screenshots
# themselves: the title on both, the result's title only after the search.
#   bash landing_page_test.sh CERTD MCPD
# Needs chromium, tesseract-ocr (scripts/deps.sh --test) and node + npm (tests/js).
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
js_dir=$(cd "$here/../js" && pwd)
docs="$here/../mcpd/corpus/fixtures/landing"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[[ -x "$CHROMIUM" ]] || fail "no Chromium at $CHROMIUM (Debian: apt-get install chromium)"
command -v tesseract >/dev/null || fail "tesseract not found (Debian: apt-get install tesseract-ocr)"
bash "$js_dir/install.sh" || fail "tests/js/install.sh failed"

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen 127.0.0.1:0 --docs "$docs"
pid=$BG_PID
deadline=$((SECONDS + 15))
until line=$(grep -m1 -E 'mcpd\.http: listening address=127\.0\.0\.1:[0-9]+' "$log"); do
  kill -0 "$pid" 2>/dev/null || fail "mcpd exited before listening: $(cat "$log")"
  ((SECONDS < deadline)) || fail "mcpd not listening after 15 s: $(cat "$log")"
  sleep 0.05
done
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")
base="http://127.0.0.1:$port"

# Headers a browser acts on, and the endpoint's error rules as a client sees them.
headers=$(curl -sS --max-time 5 -I "$base/")
expect_contains "$headers" "HTTP/1.1 200" "HEAD /"
expect_contains "$headers" "Content-Type: text/html; charset=utf-8" "HEAD / type"
expect_contains "$headers" "Content-Security-Policy: default-src 'none'; script-src 'self'" "CSP"
expect_contains "$headers" "X-Content-Type-Options: nosniff" "nosniff"
body=$(curl -sS --max-time 5 -w ' %{http_code}' "$base/api/search")
expect_eq "$body" '{"error":"search needs a non-empty \"q\" string."} 400' "GET /api/search without q"
code=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' "$base/api/search?q=penguin&limit=0")
expect_eq "$code" 400 "a limit of 0"
allow=$(curl -sS --max-time 5 -o /dev/null -X POST -d x -w '%{http_code} %header{allow}' \
  "$base/api/search?q=penguin")
expect_eq "$allow" "405 GET, HEAD" "POST /api/search"
found=$(curl -sS --max-time 5 "$base/api/search?q=penguin")
expect_contains "$found" '"title":"Penguin Migration Handbook"' "GET /api/search?q=penguin"

node "$js_dir/landing_page_check.mjs" --url "$base" --chromium "$CHROMIUM" --out "$WORK" \
  --query "emperor penguin" --expect-result "Penguin Migration Handbook" \
  --markup-query zebra --markup-title "<b>Bold</b> zebra & <script>alert(1)</script>" \
  --timeout-ms 20000 >"$WORK/check.json" 2>"$WORK/check.err" ||
  fail "Chromium check failed: $(cat "$WORK/check.err")
mcpd log: $(tail -n 20 "$log")"
seen=$(cat "$WORK/check.json")
expect_contains "$seen" '"title":"mcpd documentation server"' "document title"
expect_contains "$seen" "\"mcpUrl\":\"$base/mcp\"" "the MCP URL shown"
expect_contains "$seen" '"certificate":"plain HTTP (no TLS)"' "the certificate line"
expect_contains "$seen" '"searchStatus":"1 page found."' "the search status line"

# The screenshots themselves: OCR words, lower-cased, on one line.
ocr() { tesseract "$1" - 2>/dev/null | tr '[:upper:]' '[:lower:]' | tr -s '[:space:]' ' '; }
before=$(ocr "$WORK/before.png")
after=$(ocr "$WORK/after.png")
expect_contains "$before" "mcpd documentation server" "OCR of the page before searching"
[[ "$before" != *"penguin migration handbook"* ]] ||
  fail "the result's title is on screen before any search: $before"
expect_contains "$after" "mcpd documentation server" "OCR of the page after searching"
expect_contains "$after" "penguin migration handbook" "OCR of the search result"

kill -0 "$pid" 2>/dev/null || fail "mcpd died during the checks: $(tail -n 20 "$log")"
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
[[ -z "${LANDING_SCREENSHOTS:-}" ]] || cp "$WORK/before.png" "$WORK/after.png" "$LANDING_SCREENSHOTS/"
echo "ok"
