#!/usr/bin/env bash
# certd checks that it can keep a certificate before it orders one. As root, chmod proves
# nothing, so the certs directory is made unwritable for real, in a private mount namespace
# (unshare -m): a read-only bind mount, then a full tmpfs. `certd renew` refuses with the
# cause and exit 2, `certd run` logs it and backs off, and Pebble never sees an order.
# Finally the same renew on a writable directory does reach Pebble, so the check that no
# order arrived could have failed.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

command -v unshare >/dev/null || fail "unshare is not installed (util-linux)"
start_pebble
mapfile -t ENV < <(certd_env | grep -v -e '^CERTD_CERTS_DIR=' -e '^CERTD_STATE_DIR=')
mkdir -p "$WORK/certs" "$WORK/full"

# Pebble logs every order it creates ("Added order ...").
pebble_orders() { grep -c "Added order" "$WORK/pebble.log" || true; }

# in_namespace SETUP CMD...: CMD in a new mount namespace after the shell SETUP. unshare
# and bash exec, so CMD keeps the PID that start_bg records (an array, not a function: a
# function would run in a subshell with a PID of its own).
in_namespace() {
  NS=(unshare -m --propagation private bash -c "set -e; $1; exec \"\$@\"" _)
}
READ_ONLY="mount --bind $WORK/certs $WORK/certs; mount -o remount,bind,ro $WORK/certs"
FULL="mount -t tmpfs -o size=64k tmpfs $WORK/full; dd if=/dev/zero of=$WORK/full/fill bs=4k 2>/dev/null || true"

# 1. renew into a read-only bind mount.
in_namespace "$READ_ONLY"
run_capture "${NS[@]}" env "${ENV[@]}" CERTD_DOMAIN=a.test \
  CERTD_CERTS_DIR="$WORK/certs" CERTD_STATE_DIR="$WORK/state-ro" "$CERTD" renew
expect_eq "$CODE" 2 "exit code of renew into a read-only directory (stderr: $ERR)"
expect_contains "$ERR" "certificate not ordered name=a.test" "renew log"
expect_contains "$ERR" "Read-only file system" "renew log"
[[ "$ERR" != *"order created"* ]] || fail "renew ordered into a read-only directory"
expect_contains "$(cat "$WORK/state-ro/attempts/a.test.json")" '"consecutive_failures":1' \
  "the refusal is recorded with its back-off"

# 2. renew into a full tmpfs.
in_namespace "$FULL"
run_capture "${NS[@]}" env "${ENV[@]}" CERTD_DOMAIN=a.test \
  CERTD_CERTS_DIR="$WORK/full" CERTD_STATE_DIR="$WORK/state-full" "$CERTD" renew
expect_eq "$CODE" 2 "exit code of renew into a full directory (stderr: $ERR)"
expect_contains "$ERR" "No space left on device" "renew log"
[[ "$ERR" != *"order created"* ]] || fail "renew ordered into a full directory"

# 3. run with a read-only certs directory whose state directory is read-only too (the
# default, inside it): the back-off cannot be saved, so the daemon keeps it in memory.
in_namespace "$READ_ONLY"
start_bg "$WORK/run.log" "${NS[@]}" env "${ENV[@]}" CERTD_DOMAIN=a.test \
  CERTD_CERTS_DIR="$WORK/certs" "$CERTD" run
RUN_PID=$BG_PID
wait_for_match "$WORK/run.log" "certificate not ordered name=a.test" 20 >/dev/null
line=$(wait_for_match "$WORK/run.log" "renewal loop sleeping until=" 20)
until_text=$(sed -E 's/.*until=([^ ]+).*/\1/' <<<"$line")
delay=$(($(date -d "$until_text" +%s) - $(date +%s)))
((delay >= 50)) || fail "run retries after $delay s instead of backing off: $line"
kill -TERM "$RUN_PID"
wait_for_exit "$RUN_PID" 20
expect_eq "$EXIT_CODE" 0 "exit code of run after SIGTERM"
expect_eq "$(grep -c "certificate not ordered name=a.test" "$WORK/run.log")" 1 "refusals in one run"

expect_eq "$(pebble_orders)" 0 "orders Pebble received"

# 4. The same renew on the writable directory reaches Pebble.
run_capture env "${ENV[@]}" CERTD_DOMAIN=a.test CERTD_CERTS_DIR="$WORK/certs" \
  CERTD_STATE_DIR="$WORK/state-ok" "$CERTD" renew
expect_eq "$CODE" 0 "exit code of renew into a writable directory (stderr: $ERR)"
expect_eq "$(pebble_orders)" 1 "orders Pebble received after the writable renew"
echo "PASS"
