#!/usr/bin/env bash
# mcpd --tls-cert/--tls-key: HTTPS from any two files, with no domain and no certd. The
# files sit in a Kubernetes Secret volume written exactly as the kubelet writes one
# (timestamped directory, "..data" symlink, per-key symlinks; an update renames a new
# "..data" over the old one and deletes the old directory). Under steady kept-alive and
# new-connection load, two kubelet updates and one swap of the per-key symlinks
# themselves reach new handshakes without a single failed request or dropped connection;
# a key that does not match is refused while the old pair keeps serving. Giving both
# tls.cert and a domain, or only one of tls.cert/tls.key, is a configuration error.
#   bash mcpd_tls_files_kubelet_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
secret="$WORK/secret"
mkdir -p "$secret"
make_ca
for name in first second third; do make_leaf "$name" 5 ec localhost; done

# Configuration errors first: they need no certificate.
run_capture "$MCPD" run --tls-cert "$secret/tls.crt" --listen 127.0.0.1:0
expect_eq "$CODE" 78 "tls.cert without tls.key"
expect_contains "$ERR" "tls.key" "error names tls.key"
run_capture "$MCPD" run --tls-cert "$secret/tls.crt" --tls-key "$secret/tls.key" \
  --domain mcp.test --listen 127.0.0.1:0
expect_eq "$CODE" 78 "tls.cert together with a domain"
expect_contains "$ERR" "tls.cert" "error names tls.cert"
run_capture env MCPD_TLS_KEY="$secret/tls.key" "$MCPD" run --listen 127.0.0.1:0
expect_eq "$CODE" 78 "MCPD_TLS_KEY alone"

kubelet_write "$secret" first
log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" run --tls-cert "$secret/tls.crt" --tls-key "$secret/tls.key" \
  --listen 127.0.0.1:0 --tls-check-interval 1h --log-level debug
pid=$BG_PID
port=$(listening_port "$log" https 15)
expect_eq "$(served_serial "$port" localhost)" "$(serial_of first)" "first served serial"

# Steady load across every swap below.
stop="$WORK/stop-load"
start_bg "$WORK/load.json" python3 "$here/https_load_client.py" --port "$port" \
  --ca "$PKI/ca.pem" --stop-file "$stop"
load=$BG_PID
wait_for_match "$WORK/load.json" '^started' 15 >/dev/null

kubelet_write "$secret" second
wait_for_serial "$port" localhost "$(serial_of second)" 10

# A bad update: the new directory's key belongs to another certificate. The old pair stays.
stamp="..bad.$(date +%N)"
mkdir "$secret/$stamp"
cp "$PKI/third.crt" "$secret/$stamp/tls.crt"
cp "$PKI/first.key" "$secret/$stamp/tls.key"
old=$(readlink "$secret/..data")
ln -s "$stamp" "$secret/..data_tmp" && mv -T "$secret/..data_tmp" "$secret/..data"
rm -rf "${secret:?}/$old"
wait_for_match "$log" 'refus' 10 >/dev/null
expect_eq "$(served_serial "$port" localhost)" "$(serial_of second)" "serial after a bad update"

kubelet_write "$secret" third
wait_for_serial "$port" localhost "$(serial_of third)" 10

# Not a kubelet: the per-key symlinks themselves renamed over (certbot's live/ style).
mkdir "$WORK/archive"
cp "$PKI/first.crt" "$WORK/archive/cert1.pem"
cp "$PKI/first.key" "$WORK/archive/key1.pem"
ln -s "$WORK/archive/key1.pem" "$secret/tls.key.new" && mv -T "$secret/tls.key.new" "$secret/tls.key"
ln -s "$WORK/archive/cert1.pem" "$secret/tls.crt.new" && mv -T "$secret/tls.crt.new" "$secret/tls.crt"
wait_for_serial "$port" localhost "$(serial_of first)" 10

touch "$stop"
wait_for_exit "$load" 30
expect_eq "$EXIT_CODE" 0 "load client exit code: $(cat "$WORK/load.json")"
result=$(tail -n 1 "$WORK/load.json")
echo "load: $result"
python3 - "$result" <<'PY' || fail "requests failed or connections dropped during the swaps: $result"
import json, sys
r = json.loads(sys.argv[1])
assert r["served"] > 50, r
assert r["failed"] == 0, r
assert r["reopened"] == 0, r
PY

kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
echo "ok"
