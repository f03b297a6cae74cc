#!/usr/bin/env bash
# mcpd under systemd (Type=notify) and in a container (HEALTHCHECK): while it waits for
# certd's certificate it sends no READY=1 and `mcpd healthcheck` fails; once the files
# appear it serves HTTPS, and the READY=1 datagram arrives only when the TLS listener
# already answers; `mcpd healthcheck` then passes; SIGTERM sends STOPPING=1.
#   bash mcpd_ready_notify_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=tls_lib.sh
source "$(dirname "$0")/tls_lib.sh"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

domain=mcp.test
certs="$WORK/certs"
mkdir -p "$certs"
make_ca
make_leaf first 5 ec "$domain" localhost
port=$(free_port)
health=$(free_port)

# A stand-in for systemd's notify socket. On READY=1 it immediately asks the TLS listener
# for /healthz, so the log shows whether mcpd was already serving when it said so.
python3 -c '
import socket, ssl, sys, http.client
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
port = int(sys.argv[2])
while True:
    state = s.recv(4096).decode()
    answer = ""
    if state == "READY=1":
        try:
            c = http.client.HTTPSConnection("127.0.0.1", port, timeout=5,
                                            context=ssl._create_unverified_context())
            c.request("GET", "/healthz")
            answer = " listener=%d" % c.getresponse().status
        except OSError as e:
            answer = " listener=error:%s" % e
    print(state + answer, flush=True)
' "$WORK/notify.sock" "$port" >"$WORK/notify.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 10))
until [[ -S $WORK/notify.sock ]]; do
  ((SECONDS < deadline)) || fail "the notify socket did not appear"
  sleep 0.05
done

run_capture "$MCPD" healthcheck
expect_eq "$CODE" 78 "healthcheck without health_listen"
expect_contains "$ERR" "MCPD_HEALTH_LISTEN" "healthcheck names the missing setting"
run_capture "$MCPD" healthcheck --health-listen "127.0.0.1:$health"
expect_eq "$CODE" 1 "healthcheck with nothing listening"

log="$WORK/mcpd.log"
start_bg "$log" env NOTIFY_SOCKET="$WORK/notify.sock" "$MCPD" --domain "$domain" \
  --certs-dir "$certs" --listen "127.0.0.1:$port" --health-listen "127.0.0.1:$health"
pid=$BG_PID
wait_for_match "$log" "listening address=127\.0\.0\.1:$health scheme=http " 15 >/dev/null
run_capture "$MCPD" healthcheck --health-listen "127.0.0.1:$health"
expect_eq "$CODE" 1 "healthcheck while waiting for the certificate"
expect_contains "$ERR" "answered 503" "healthcheck says why"
[[ ! -s "$WORK/notify.log" ]] || fail "notified before serving: $(cat "$WORK/notify.log")"

install_file "$PKI/first.crt" "$certs/$domain.cert.pem"
install_file "$PKI/first.key" "$certs/$domain.key.pem"
line=$(wait_for_match "$WORK/notify.log" "^READY=1" 15)
expect_eq "$line" "READY=1 listener=200" "READY=1 came after the TLS listener answered"
# The wildcard form of the address, as the container image sets it, is asked on loopback.
run_capture env MCPD_HEALTH_LISTEN="0.0.0.0:$health" "$MCPD" healthcheck
expect_eq "$CODE" 0 "healthcheck once serving: $ERR"

kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "exit code after SIGTERM"
wait_for_match "$WORK/notify.log" "^STOPPING=1$" 5 >/dev/null
expect_eq "$(grep -c '^READY=1' "$WORK/notify.log")" 1 "READY=1 sent once"
run_capture "$MCPD" healthcheck --health-listen "127.0.0.1:$health"
expect_eq "$CODE" 1 "healthcheck after the stop"
echo "ok"
