#!/usr/bin/env bash
# compose.yaml for real, as a user runs it, on Debian's docker.io and docker-compose 1.29:
#   1. a dockerd: the running one, or one started here and stopped (by PID) at the end;
#   2. the base image made locally with debootstrap from this machine's apt sources
#      (packaging/debian-base-image.sh; no registry is needed), reused when already there;
#   3. `docker-compose --env-file .env.pebble --profile pebble build`, then `up -d --build`
#      under a project name of its own, with free ports published on loopback only;
# and asserts: HTTPS /healthz and an MCP initialize on the published port within 20 s of `up`
# (Pebble's root trusted, curl --cacert); certd turns healthy; after `docker restart` of certd
# (it rejoins the namespace that Pebble and the DNS still hold) a forced renewal run inside
# the certd container reaches mcpd without an mcpd restart (a new serial on a new
# handshake); after `docker restart` of mcpd it serves again within seconds; `down -v`
# leaves no container, volume or network of the project. Prints the build times and the
# image sizes. Uses CERTD and MCPD only for lib.sh's sake: the binaries under test are the
# ones built in the images.
source "$(dirname "$0")/../cli/lib.sh"
repo=$(cd "$(dirname "$0")/../.." && pwd)
docker=/usr/bin/docker  # another docker CLI may come first on PATH
for tool in "$docker" dockerd docker-compose debootstrap curl openssl python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh --test)"
done
base_image=certmcp-ci/debian:bookworm-slim
project="certmcp-ci-$$-$RANDOM"
domain=mcp.test
report() { echo "compose_stack: $*"; }

# --- 1. dockerd -----------------------------------------------------------------------------
dockerd_pid=""
if ! "$docker" info >/dev/null 2>&1; then
  [[ ! -S /var/run/docker.sock ]] || fail "/var/run/docker.sock exists but no dockerd answers"
  start_bg "$WORK/dockerd.log" dockerd --host unix:///var/run/docker.sock --storage-driver overlay2
  dockerd_pid=$BG_PID
  deadline=$((SECONDS + 60))
  until "$docker" info >/dev/null 2>&1; do
    kill -0 "$dockerd_pid" 2>/dev/null || fail "dockerd exited: $(tail -20 "$WORK/dockerd.log")"
    ((SECONDS < deadline)) || fail "dockerd not answering after 60 s: $(tail -20 "$WORK/dockerd.log")"
    sleep 0.2
  done
  report "started dockerd pid=$dockerd_pid"
fi
export DOCKER_HOST=unix:///var/run/docker.sock

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
http_port=$(free_port) https_port=$(free_port)
# The ports of compose.yaml, published on loopback only: "${HTTP_PORT:-80}:8080".
export HTTP_PORT="127.0.0.1:$http_port" HTTPS_PORT="127.0.0.1:$https_port" DEBIAN_IMAGE=$base_image
dc() {
  (cd "$repo" && docker-compose -p "$project" --env-file .env.pebble --profile pebble "$@")
}
stack_up=""
stack_down() {
  [[ -n "$stack_up" ]] || return 0
  if [[ -n "${FAILED:-}" ]]; then
    dc ps >&2 || true
    dc logs --no-color --tail 40 >&2 || true
  fi
  dc down -v --timeout 5 >/dev/null 2>&1 || true
  stack_up=""
}
# On any exit: the stack down first, then lib.sh's cleanup stops dockerd (if started here).
trap 'FAILED=$?; [[ $FAILED -ne 0 ]] || FAILED=""; stack_down; cleanup' EXIT

# --- 2. base image --------------------------------------------------------------------------
if "$docker" image inspect "$base_image" >/dev/null 2>&1; then
  report "base image $base_image already there"
else
  started=$SECONDS
  bash "$repo/packaging/debian-base-image.sh" "$base_image" "$docker" 2>"$WORK/base.log" ||
    fail "debian-base-image.sh: $(cat "$WORK/base.log")"
  report "base image $base_image made with debootstrap in $((SECONDS - started)) s"
fi

# --- 3. build, then up ----------------------------------------------------------------------
started=$SECONDS
dc build >"$WORK/build.log" 2>&1 || fail "docker-compose build: $(tail -40 "$WORK/build.log")"
report "docker-compose build: $((SECONDS - started)) s"

up_started=$(now_ms)
stack_up=1
dc up -d --build >"$WORK/up.log" 2>&1 || fail "docker-compose up: $(cat "$WORK/up.log")"
report "docker-compose up -d --build returned after $(($(now_ms) - up_started)) ms"
# id_of SERVICE: its container (docker's CLI answers faster than docker-compose's).
id_of() {
  "$docker" ps -q --filter "label=com.docker.compose.project=$project" \
    --filter "label=com.docker.compose.service=$1"
}
certd_id=$(id_of certd) mcpd_id=$(id_of mcpd) pebble_id=$(id_of pebble)
[[ -n "$certd_id" && -n "$mcpd_id" && -n "$pebble_id" && -n "$(id_of challtestsrv)" &&
  -n "$(id_of certd-net)" ]] || fail "not every service has a container: $(dc ps)"

# Time to HTTPS: a TLS answer on the published port (not verified yet: Pebble's root is
# fetched below, through docker-compose, which is too slow to time this).
https_deadline=$((SECONDS + 60))
until curl -sk --max-time 2 -o /dev/null "https://127.0.0.1:$https_port/healthz"; do
  ((SECONDS < https_deadline)) || fail "no HTTPS on 127.0.0.1:$https_port 60 s after up"
  sleep 0.1
done
serving_ms=$(($(now_ms) - up_started))
report "HTTPS /healthz $serving_ms ms after up"
((serving_ms <= 20000)) || fail "HTTPS came $serving_ms ms after up (more than 20 s)"

# Pebble's roots: the CA that signs what certd obtains (asked over Pebble's management port,
# inside its container, trusting Pebble's own TLS CA).
dc exec -T pebble curl -sS --cacert /pebble-tls/ca.pem https://127.0.0.1:15000/roots/0 \
  >"$WORK/pebble-root.pem" || fail "no root from Pebble's management port"
grep -q 'BEGIN CERTIFICATE' "$WORK/pebble-root.pem" || fail "Pebble's root: $(cat "$WORK/pebble-root.pem")"
curl_tls=(curl -sS --max-time 5 --cacert "$WORK/pebble-root.pem"
  --resolve "$domain:$https_port:127.0.0.1")
expect_eq "$("${curl_tls[@]}" "https://$domain:$https_port/healthz")" ok \
  "HTTPS /healthz with Pebble's root trusted"

# wait_for_https SECONDS: until GET /healthz over HTTPS answers ok; prints the milliseconds.
wait_for_https() {
  local from deadline=$((SECONDS + $1))
  from=$(now_ms)
  until [[ "$("${curl_tls[@]}" "https://$domain:$https_port/healthz" 2>/dev/null)" == ok ]]; do
    ((SECONDS < deadline)) || fail "no HTTPS on 127.0.0.1:$https_port after $1 s"
    sleep 0.1
  done
  echo $(($(now_ms) - from))
}

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
run_capture "${curl_tls[@]}" -D - -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -d "$init" "https://$domain:$https_port/mcp"
expect_eq "$CODE" 0 "MCP initialize over HTTPS: $ERR"
expect_contains "$OUT" "HTTP/1.1 200" "initialize status"
expect_contains "$OUT" '"protocolVersion":"2025-06-18"' "initialize result"

# health STATUS of a container, as docker reports it.
health() { "$docker" inspect -f '{{.State.Health.Status}}' "$1"; }
deadline=$((SECONDS + 60))
until [[ "$(health "$certd_id")" == healthy ]]; do
  ((SECONDS < deadline)) || fail "certd not healthy after 60 s: $(health "$certd_id")"
  sleep 0.5
done
report "certd healthy"
base_label=$("$docker" image inspect -f '{{index .Config.Labels "org.opencontainers.image.base.name"}}' \
  certmcp/certd:local)
expect_eq "$base_label" "$base_image" "the certd image's base.name label"

# served_serial: the leaf serial a new TLS handshake on the published port gets.
served_serial() {
  openssl s_client -connect "127.0.0.1:$https_port" -servername "$domain" \
    -CAfile "$WORK/pebble-root.pem" </dev/null 2>/dev/null | openssl x509 -noout -serial | cut -d= -f2
}
first_serial=$(served_serial)
[[ -n "$first_serial" ]] || fail "no certificate on the published HTTPS port"
mcpd_started=$("$docker" inspect -f '{{.State.StartedAt}}' "$mcpd_id")

# --- docker restart of certd, then a forced renewal from inside it ---------------------------
"$docker" restart --time 5 "$certd_id" >/dev/null
run_capture dc exec -T certd certd renew --force
expect_eq "$CODE" 0 "certd renew --force after docker restart of certd: $OUT $ERR"
deadline=$((SECONDS + 30))
serial=$first_serial
until [[ -n "$serial" && "$serial" != "$first_serial" ]]; do
  ((SECONDS < deadline)) || fail "mcpd serves serial '$serial' 30 s after the renewal (was $first_serial)"
  sleep 0.1
  serial=$(served_serial || true)
done
expect_eq "$("$docker" inspect -f '{{.State.StartedAt}}' "$mcpd_id")" "$mcpd_started" \
  "mcpd was not restarted to serve the renewed certificate"
report "renewed after a certd restart: serial $first_serial -> $serial"

# --- docker restart of mcpd ------------------------------------------------------------------
"$docker" restart --time 5 "$mcpd_id" >/dev/null
back_ms=$(wait_for_https 10)
report "mcpd serves HTTPS again $back_ms ms after its restart"

# --- images -----------------------------------------------------------------------------------
for image in "$base_image" certmcp/netns:local certmcp/certd:local certmcp/mcpd:local \
  certmcp/pebble:local; do
  bytes=$("$docker" image inspect -f '{{.Size}}' "$image")
  report "image $image $((bytes / 1000000)) MB"
done

# --- down -v ---------------------------------------------------------------------------------
dc down -v --timeout 5 >"$WORK/down.log" 2>&1 || fail "docker-compose down -v: $(cat "$WORK/down.log")"
stack_up=""
label="label=com.docker.compose.project=$project"
expect_eq "$("$docker" ps -a -q --filter "$label")" "" "containers left after down -v"
expect_eq "$("$docker" volume ls -q --filter "$label")" "" "volumes left after down -v"
expect_eq "$("$docker" network ls -q --filter "$label")" "" "networks left after down -v"
echo "ok"
