#!/usr/bin/env bash
# compose.yaml's pebble profile, run as processes: pebble-challtestsrv with the command
# compose gives it, packaging/pebble/pebble-start.sh (the pebble image's command) with
# compose's environment, and the installed-style certd with compose's certd environment
# from .env.pebble plus the certd image's defaults. Only the fixed ports and the /pebble-tls
# and /certs paths are replaced by free ports and temp directories. certd starts first, as
# it may under compose, and waits for the CA bundle that Pebble's start publishes once Pebble
# answers; then it obtains the certificate over HTTP-01 on loopback at once (no failed
# attempt, no back-off), `certd status` turns healthy (the compose healthcheck) and mcpd
# serves it (`mcpd healthcheck`). A second Pebble start keeps the CA that certd trusts.
source "$(dirname "$0")/../cli/lib.sh"
repo=$(cd "$(dirname "$0")/../.." && pwd)
for tool in docker-compose pebble pebble-challtestsrv openssl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh --test)"
done
py=$(sed -n '1s/^#!//p' "$(command -v docker-compose)")
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
wait_for_port() {
  local deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    ((SECONDS < deadline)) || fail "nothing listens on 127.0.0.1:$1 after $2 s"
    sleep 0.05
  done
}

run_capture docker-compose -f "$repo/compose.yaml" --env-file "$repo/.env.pebble" config
expect_eq "$CODE" 0 "docker-compose config: $ERR"
echo "$OUT" >"$WORK/compose.yaml"
# service_env SERVICE: its environment as KEY=VALUE lines; service_command SERVICE: its
# command, one argument per line.
service_env() {
  "$py" -c 'import sys, yaml
for k, v in yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]].get("environment", {}).items():
    print(f"{k}={v}")' "$WORK/compose.yaml" "$1"
}
service_command() {
  "$py" -c 'import sys, yaml
print("\n".join(yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]]["command"]))' \
    "$WORK/compose.yaml" "$1"
}
# image_env TARGET: the ENV of a Dockerfile target as KEY=VALUE lines.
image_env() {
  awk -v target="$1" '/^FROM /{on = ($NF == target)} on && /^ENV /{env=1} env && on {
      for (i = 1; i <= NF; i++) if ($i ~ /=/) print $i; if ($NF != "\\") env=0 }' "$repo/Dockerfile"
}

dns=$(free_port) chall_mgmt=$(free_port) acme=$(free_port) http01=$(free_port)
mgmt=$(free_port) tlsport=$(free_port)
tls="$WORK/pebble-tls" certs="$WORK/certs" state="$WORK/state"
relocate() { # the container's fixed addresses and paths -> this test's
  sed -e "s|127\.0\.0\.1:8053|127.0.0.1:$dns|g; s|127\.0\.0\.1:8055|127.0.0.1:$chall_mgmt|g" \
    -e "s|127\.0\.0\.1:14000|127.0.0.1:$acme|g; s|/pebble-tls|$tls|g" \
    -e "s|^CERTD_ACME_PORT=8080\$|CERTD_ACME_PORT=$http01|; s|^PEBBLE_HTTP_PORT=8080\$|PEBBLE_HTTP_PORT=$http01|" \
    -e "s|^CERTD_CERTS_DIR=/certs\$|CERTD_CERTS_DIR=$certs|; s|^CERTD_STATE_DIR=/var/lib/certd\$|CERTD_STATE_DIR=$state|"
}

mapfile -t chall < <(service_command challtestsrv | relocate)
expect_eq "${chall[0]}" pebble-challtestsrv "challtestsrv command"
start_bg "$WORK/challtestsrv.log" "${chall[@]}"
wait_for_port "$dns" 10

mapfile -t certd_env < <({ image_env certd; service_env certd; } | relocate)
expect_contains "${certd_env[*]}" "CERTD_ACME_PORT=$http01" "certd environment"
expect_contains "${certd_env[*]}" "CERTD_CA_BUNDLE=$tls/ca.pem" "certd environment"
start_bg "$WORK/certd.log" env "${certd_env[@]}" CERTD_ACME_LISTEN=127.0.0.1 "$CERTD" run
certd_pid=$BG_PID
wait_for_match "$WORK/certd.log" "waiting for ca_bundle file=$tls/ca.pem" 10 >/dev/null
# A SIGHUP while certd waits is acted on once the wait ends, not lost.
kill -HUP "$certd_pid"

mapfile -t pebble_env < <(service_env pebble | relocate)
expect_contains "${pebble_env[*]}" "PEBBLE_HTTP_PORT=$http01" "pebble environment"
pebble_cmd=(env "${pebble_env[@]}" PEBBLE_LISTEN="127.0.0.1:$acme" PEBBLE_MANAGEMENT_LISTEN="127.0.0.1:$mgmt"
  PEBBLE_TLS_PORT="$tlsport" bash "$repo/packaging/pebble/pebble-start.sh")
start_bg "$WORK/pebble.log" "${pebble_cmd[@]}"
pebble_pid=$BG_PID
wait_for_match "$WORK/pebble.log" "pebble-start: Pebble is up" 20 >/dev/null
ca_sum=$(sha256sum <"$tls/ca.pem")

wait_for_match "$WORK/certd.log" "certificate saved name=mcp.test generation=1 " 30 >/dev/null
wait_for_match "$WORK/certd.log" "ca_bundle present file=$tls/ca.pem" 1 >/dev/null
wait_for_match "$WORK/certd.log" "configuration reloaded" 1 >/dev/null
grep -E "attempt failed|backing off" "$WORK/certd.log" && fail "certd failed an attempt: $(cat "$WORK/certd.log")"
run_capture env "${certd_env[@]}" "$CERTD" status
expect_eq "$CODE" 0 "certd status (the compose healthcheck): $OUT $ERR"
expect_contains "$OUT" "mcp.test" "certd status names the certificate"
[[ -L "$certs/mcp.test.cert.pem" && -f "$certs/mcp.test.key.pem" ]] || fail "no certificate files"
[[ -d "$state" && ! -e "$certs/.certd" ]] || fail "certd state is not in its own directory (the certd-state volume)"
issuer=$(openssl x509 -in "$certs/mcp.test.cert.pem" -noout -issuer)
expect_contains "$issuer" "Pebble Intermediate CA" "issuer of the obtained certificate"
# docs/deploy.md's way to get Pebble's root for clients.
curl -sS --cacert "$tls/ca.pem" "https://127.0.0.1:$mgmt/roots/0" >"$WORK/pebble-root.pem"
run_capture openssl verify -CAfile "$WORK/pebble-root.pem" -untrusted "$certs/mcp.test.cert.pem" \
  "$certs/mcp.test.cert.pem"
expect_eq "$CODE" 0 "chain against Pebble's root: $OUT $ERR"

mapfile -t mcpd_env < <({ image_env mcpd; service_env mcpd; } | relocate |
  sed -e "s|^MCPD_CERTS_DIR=/certs\$|MCPD_CERTS_DIR=$certs|")
health=$(free_port)
start_bg "$WORK/mcpd.log" env "${mcpd_env[@]}" MCPD_HEALTH_LISTEN="127.0.0.1:$health" \
  MCPD_LISTEN=127.0.0.1:0 "$MCPD" run
wait_for_match "$WORK/mcpd.log" "listening address=127\.0\.0\.1:[0-9]+ scheme=https" 20 >/dev/null
deadline=$((SECONDS + 10))
until env "${mcpd_env[@]}" MCPD_HEALTH_LISTEN="127.0.0.1:$health" "$MCPD" healthcheck 2>/dev/null; do
  ((SECONDS < deadline)) || fail "mcpd healthcheck never passed: $(cat "$WORK/mcpd.log")"
  sleep 0.1
done

kill "$certd_pid"
wait_for_exit "$certd_pid" 10
kill "$pebble_pid"
wait "$pebble_pid" 2>/dev/null || true
start_bg "$WORK/pebble2.log" "${pebble_cmd[@]}"
wait_for_match "$WORK/pebble2.log" "pebble-start: Pebble is up" 20 >/dev/null
wait_for_port "$acme" 1
expect_eq "$(sha256sum <"$tls/ca.pem")" "$ca_sum" "Pebble's CA after a restart"
echo "ok"
