#!/usr/bin/env bash
# Session floods: from many IPv4 addresses and from many addresses of one IPv6 /64 (added
# to lo inside a network namespace of its own, `unshare -n`), plus a legacy SSE flood, a
# new client can always start a session and search (session_flood.py says what is
# checked). Plain HTTP: the session logic is the same over TLS.
#   bash session_flood_test.sh CERTD MCPD
if [[ -z "${ATTACK_NETNS:-}" ]]; then
  exec unshare -n env ATTACK_NETNS=1 bash "$0" "$@"
fi
# shellcheck source-path=SCRIPTDIR source=attack_lib.sh
source "$(dirname "$0")/attack_lib.sh"

ip link set lo up
for i in $(seq 1 40); do ip -6 addr add "2001:db8:a:1::$i/64" dev lo nodad; done
ip -6 addr add 2001:db8:b:2::1/64 dev lo nodad

sessions=150 per_client=10 sse=20 unused=8
log="$WORK/mcpd.log"
start_bg "$log" "$MCPD" --listen "[::]:0" --limits-sessions "$sessions" \
  --limits-sessions-per-client "$per_client" --limits-sse-streams "$sse" \
  --limits-session-unused-idle "${unused}s"
pid=$BG_PID
line=$(wait_for_match "$log" 'mcpd\.http: listening address=\[::\]:[0-9]+' 15)
port=$(sed -E 's/.*address=\[::\]:([0-9]+).*/\1/' <<<"$line")

python3 "$ATTACK_DIR/session_flood.py" --pid "$pid" --port "$port" --sessions "$sessions" \
  --per-client "$per_client" --sse "$sse" --unused-idle "$unused" ||
  fail "session flood; mcpd log: $(grep -v "session opened" "$log" | tail -n 20)"
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "mcpd exit code after the flood"
echo "ok"
