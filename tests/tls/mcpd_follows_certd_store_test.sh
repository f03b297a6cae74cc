#!/usr/bin/env bash
# mcpd serving from a certs directory that certd's own store writes (generation directories
# switched by one symlink rename): after a burst of 20 renewals, new handshakes serve the
# live generation, and no install was ever refused as a mismatched pair.
#   bash mcpd_follows_certd_store_test.sh CERTD MCPD STORE_WRITER
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"
WRITER=${3:?usage: $0 CERTD MCPD STORE_WRITER}

certs="$WORK/certs"
mkdir -p "$certs"
"$WRITER" "$certs" localhost localhost 1 >/dev/null || fail "the store writer failed"
live_serial() { openssl x509 -in "$certs/localhost.cert.pem" -noout -serial | cut -d= -f2; }

log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --domain localhost --certs-dir "$certs" --listen 127.0.0.1:0 \
  --health-listen 127.0.0.1:0 --tls-check-interval 1h
health=$(listening_port "$log" http 15)
port=$(listening_port "$log" https 15)
expect_eq "$(served_serial "$port" localhost)" "$(live_serial)" "serial after start"

"$WRITER" "$certs" localhost localhost 20 >"$WORK/writer.out" || fail "the store writer failed"
expect_eq "$(grep -c '^installed' "$WORK/writer.out")" 20 "installs by the writer"
wait_for_serial "$port" localhost "$(live_serial)" 10
refusals=$(curl -s "http://127.0.0.1:$health/metrics" | awk '$1 == "mcpd_tls_reload_refusals_total" {print $2}')
expect_eq "$refusals" 0 "installs refused by mcpd"
echo "ok"
