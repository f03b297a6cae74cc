#!/usr/bin/env bash
# `certd status` on prepared certs directories: exit 0 only when the certificate is
# present, parses, matches its key, is valid now, covers its domains and is not overdue;
# otherwise exit 1 with the reason on the certificate's line. --json is a stable document.
# Arguments: CERTD STORE_WRITER (the test program that installs through certd's store).
source "$(dirname "$0")/lib.sh"
WRITER=$2
DAY=86400

# status DIR DOMAINS [FLAGS...]: runs certd status, setting OUT, ERR and CODE.
status() {
  local dir=$1 domains=$2
  shift 2
  run_capture env -u CERTD_DOMAIN -u CERTD_CERTS_DIR "$CERTD" status --domain "$domains" \
    --certs-dir "$dir" --log-level warn "$@"
}

# install DIR NAME DOMAINS [NOT_BEFORE_S NOT_AFTER_S]
install() {
  "$WRITER" "$1" "$2" "$3" 1 "${@:4}" >/dev/null
}

# An empty directory: nothing installed.
status "$WORK/empty" a.example
expect_eq "$CODE" 1 "exit code for a missing certificate"
expect_contains "$OUT" "a.example not_after=- renewal_time=- missing" "missing line"

# A fresh certificate from the store.
good="$WORK/good"
install "$good" a.example a.example,www.a.example
status "$good" a.example,www.a.example
expect_eq "$CODE" 0 "exit code for a good certificate: $OUT"
[[ "$OUT" =~ ^a\.example\ not_after=[0-9T:Z-]+\ renewal_time=[0-9T:Z-]+\ ok$ ]] ||
  fail "unexpected status line: $OUT"

status "$good" a.example,www.a.example --json
expect_eq "$CODE" 0 "exit code of --json for a good certificate"
python3 - "$OUT" <<'PY' || fail "unexpected --json document: $OUT"
import json, sys
doc = json.loads(sys.argv[1])
assert doc["ok"] is True and set(doc) == {"ok", "checked_at", "certificates"}, doc
(c,) = doc["certificates"]
assert c["name"] == "a.example" and c["domains"] == ["a.example", "www.a.example"], c
assert c["ok"] is True and c["state"] == "ok" and c["reason"] == "", c
assert c["generation"] == 1 and len(c["serial"]) > 0, c
assert c["consecutive_failures"] == 0 and c["last_error"] == "" and c["next_attempt"] is None, c
assert c["not_after"].endswith("Z") and c["renewal_time"] < c["not_after"], c
PY

# certd's attempt history (state directory) shows on the line without changing the verdict.
mkdir -p "$good/.certd/attempts"
printf '%s\n' '{"last_attempt":"2026-01-01T00:00:00Z","last_success":null,"consecutive_failures":2,"last_error":"acme: rateLimited","not_before":"2026-01-01T06:00:00Z","in_progress":false}' \
  >"$good/.certd/attempts/a.example.json"
status "$good" a.example,www.a.example
expect_eq "$CODE" 0 "exit code for a good certificate with failed attempts"
expect_contains "$OUT" 'ok failures=2 last_error="acme: rateLimited"' "attempts on the line"
status "$good" a.example,www.a.example --json
python3 - "$OUT" <<'PY' || fail "unexpected attempts in --json: $OUT"
import json, sys
(c,) = json.loads(sys.argv[1])["certificates"]
assert c["consecutive_failures"] == 2 and c["last_error"] == "acme: rateLimited", c
assert c["next_attempt"] == "2026-01-01T06:00:00Z", c
PY
rm -r "$good/.certd"

# A configured domain the certificate lacks.
status "$good" a.example,new.a.example
expect_eq "$CODE" 1 "exit code for a missing domain"
expect_contains "$OUT" 'domain_missing reason="does not cover new.a.example"' "domain line"

# Expired, and overdue (renewal time 20 days ago, still valid).
install "$WORK/expired" b.example b.example $((-100 * DAY)) $((-10 * DAY))
status "$WORK/expired" b.example
expect_eq "$CODE" 1 "exit code for an expired certificate"
expect_contains "$OUT" "expired reason=" "expired line"

install "$WORK/overdue" c.example c.example $((-80 * DAY)) $((10 * DAY))
status "$WORK/overdue" c.example --json
expect_eq "$CODE" 1 "exit code for an overdue certificate"
python3 - "$OUT" <<'PY' || fail "unexpected --json for overdue: $OUT"
import json, sys
doc = json.loads(sys.argv[1])
assert doc["ok"] is False and doc["certificates"][0]["state"] == "overdue", doc
assert "renewal was due" in doc["certificates"][0]["reason"], doc
PY

# A key that does not match the live certificate.
bad="$WORK/badkey"
install "$bad" d.example d.example
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/other.key" 2>/dev/null
cp "$WORK/other.key" "$bad/.d.example.gen/000001/key.pem"
status "$bad" d.example
expect_eq "$CODE" 1 "exit code for a mismatched key"
expect_contains "$OUT" "invalid reason=" "mismatched key line"
expect_contains "$OUT" "does not match" "mismatched key reason"

# Plain files from an older version, made with openssl, are read as they are.
legacy="$WORK/legacy"
mkdir -p "$legacy"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
  -subj /CN=e.example -addext subjectAltName=DNS:e.example \
  -keyout "$legacy/e.example.key.pem" -out "$legacy/e.example.cert.pem" 2>/dev/null
status "$legacy" e.example
expect_eq "$CODE" 0 "exit code for plain files: $OUT"
rm "$legacy/e.example.cert.pem"
status "$legacy" e.example
expect_eq "$CODE" 1 "exit code after the certificate file was deleted"
echo "ok"
