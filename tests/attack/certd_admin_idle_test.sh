#!/usr/bin/env bash
# Attack test: certd's admin port (two workers) under 30 idle keep-alive connections and 30
# that trickle a request head, at once: /healthz is still answered, p99 under 100 ms; the
# trickling ones get 408 at the 10 s head deadline and the idle ones are closed at the 15 s
# idle timeout, each from its own 127.0.0.x address.
#   bash certd_admin_idle_test.sh CERTD MCPD
# certd runs against a CA that is not there (connection refused): it backs off and keeps
# serving its admin port, which is all this test needs.
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

cat >"$WORK/certd.yaml" <<YAML
domain: admin.test
email: ops@admin.test
directory: https://127.0.0.1:1/dir
certs_dir: $WORK/certs
admin_listen: 127.0.0.1:0
YAML
start_bg "$WORK/certd.log" "$CERTD" --config "$WORK/certd.yaml" run
certd_pid=$BG_PID
line=$(wait_for_match "$WORK/certd.log" 'admin port started address=127\.0\.0\.1:[0-9]+' 20)
port=$(sed -E 's/.*address=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line")

json() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, d))" "$1" "$2"; }

python3 "$here/slow_clients.py" --port "$port" --kind idle --count 30 --sources 30 \
  --max-seconds 30 >"$WORK/idle.out" 2>&1 &
idle_pid=$!
PIDS+=("$idle_pid")
python3 "$here/slow_clients.py" --port "$port" --kind head --count 30 --sources 30 \
  --max-seconds 30 >"$WORK/head.out" 2>&1 &
head_pid=$!
PIDS+=("$head_pid")
wait_for_match "$WORK/idle.out" '^holding 30$' 20 >/dev/null
wait_for_match "$WORK/head.out" '^holding 30$' 20 >/dev/null

probe=$(python3 "$here/probe.py" --port "$port" --healthz 40 --mcp 0)
echo "probe: $probe"
expect_eq "$(json "$probe" 'healthz["ok"]')" 40 "/healthz answered under 60 held connections ($probe)"
expect_eq "$(json "$probe" 'healthz["p99_ms"] < 100')" True "/healthz p99 under 100 ms ($probe)"

wait_for_exit "$head_pid" 40
head=$(tail -n 1 "$WORK/head.out")
echo "trickled heads: $head"
expect_eq "$(json "$head" "answered.get('408', 0)")" 30 "trickled heads answered 408"
expect_eq "$(json "$head" 'end_seconds_max <= 14')" True "trickled heads ended at the head deadline"
wait_for_exit "$idle_pid" 40
idle=$(tail -n 1 "$WORK/idle.out")
echo "idle: $idle"
expect_eq "$(json "$idle" 'closed_silently')" 30 "idle connections closed after their answer"
expect_eq "$(json "$idle" 'end_seconds_max <= 19')" True "idle connections closed at the idle timeout"

kill -TERM "$certd_pid"
wait_for_exit "$certd_pid" 15
expect_eq "$EXIT_CODE" 0 "certd exit code after SIGTERM"
echo "ok"
