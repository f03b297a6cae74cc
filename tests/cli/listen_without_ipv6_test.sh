#!/usr/bin/env bash
# The listen defaults in a network like Docker's default bridge: an interface with IPv4, and
# IPv6 disabled (net.ipv6.conf.all.disable_ipv6=1). There glibc's getaddrinfo("::") with
# AI_ADDRCONFIG answers EAI_ADDRFAMILY (-9), which is how mcpd crash-looped in containers with
# `listen [::]:8443: DNS error: EAI: -9`. Run in a private network namespace (`unshare -rn`,
# so no port can be taken by anyone else): mcpd's default with a domain ([::]:8443), an
# explicit [::]:PORT and an empty host all serve, dual-stack, to IPv4 clients on loopback and
# on the interface's address, and say so in one log line; certd's admin port does the same.
# Both daemons in this namespace; nothing leaves it.
if [[ -z "${CERTMCP_IN_NETNS:-}" ]]; then
  command -v unshare >/dev/null || { echo "FAIL: unshare is not installed" >&2; exit 1; }
  exec unshare -rn env CERTMCP_IN_NETNS=1 bash "$0" "$@"
fi
source "$(dirname "$0")/../tls/tls_lib.sh"

# Docker's shape: loopback, one veth with an IPv4 address, IPv6 off everywhere.
ip link set lo up
ip link add certmcp0 type veth peer name certmcp1
ip addr add 10.203.0.1/24 dev certmcp0
ip link set certmcp0 up
ip link set certmcp1 up
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
# The condition that broke mcpd holds here (else this test would prove nothing).
run_capture python3 -c '
import socket
try:
    socket.getaddrinfo("::", None, 0, 0, 0, socket.AI_ADDRCONFIG)
except socket.gaierror as e:
    print(e.errno)'
expect_eq "$OUT" "-9" "getaddrinfo(\"::\", AI_ADDRCONFIG) in this namespace"

# healthz URL CURL-ARGS...: the body and status of GET URL.
healthz() {
  local url=$1
  shift
  curl -sS --max-time 5 -w ' %{http_code}' "$@" "$url"
}

# mcpd with plain HTTP on an explicit [::]:PORT and on an empty host.
for listen in "[::]:8080" ":8081"; do
  port=${listen##*:}
  log="$WORK/mcpd-$port.log"
  start_bg "$log" "$MCPD" --listen "$listen"
  pid=$BG_PID
  wait_for_match "$log" "mcpd\.http: listening address=" 10 >/dev/null
  expect_eq "$(grep -c "mcpd\.http: every address, dual-stack address=\[::\]:$port$" "$log")" 1 \
    "the one line saying how $listen listens: $(cat "$log")"
  for host in 127.0.0.1 10.203.0.1; do
    expect_eq "$(healthz "http://$host:$port/healthz")" "ok
 200" "GET /healthz on $host:$port (mcpd --listen $listen)"
  done
  kill -TERM "$pid"
  wait_for_exit "$pid" 10
  expect_eq "$EXIT_CODE" 0 "mcpd exit code after SIGTERM"
done

# mcpd's default with a domain: HTTPS on [::]:8443 once a valid pair is in the certs dir.
make_ca
make_leaf mcp.test 2 ec mcp.test
mkdir -p "$WORK/certs"
cp "$PKI/mcp.test.crt" "$WORK/certs/mcp.test.cert.pem"
cp "$PKI/mcp.test.key" "$WORK/certs/mcp.test.key.pem"
log="$WORK/mcpd-tls.log"
start_bg "$log" env MCPD_DOMAIN=mcp.test MCPD_CERTS_DIR="$WORK/certs" "$MCPD" run
pid=$BG_PID
wait_for_match "$log" "mcpd\.http: listening address=\[::\]:8443 scheme=https" 20 >/dev/null
grep -q "every address, dual-stack address=\[::\]:8443" "$log" || fail "no dual-stack line: $(cat "$log")"
expect_eq "$(healthz https://mcp.test:8443/healthz --cacert "$PKI/ca.pem" \
  --resolve mcp.test:8443:10.203.0.1)" "ok
 200" "HTTPS /healthz on the default listen address"
kill -TERM "$pid"
wait_for_exit "$pid" 10

# certd's admin port on [::]:PORT (the renewal loop runs too, against a CA that is not there).
log="$WORK/certd.log"
start_bg "$log" env CERTD_DOMAIN=mcp.test CERTD_DIRECTORY=https://127.0.0.1:9/dir \
  CERTD_CERTS_DIR="$WORK/certd-certs" CERTD_ADMIN_LISTEN="[::]:9100" "$CERTD" run
pid=$BG_PID
wait_for_match "$log" "certd\.admin: admin port started" 10 >/dev/null
grep -q "certd\.admin: every address, dual-stack address=\[::\]:9100" "$log" ||
  fail "no dual-stack line for the admin port: $(cat "$log")"
run_capture healthz http://10.203.0.1:9100/healthz
expect_contains "$OUT" " 200" "certd admin /healthz over IPv4"
kill -TERM "$pid"
wait_for_exit "$pid" 10
echo "ok"
