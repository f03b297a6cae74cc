#!/usr/bin/env bash
# The certs directory survives a crash at any instant, with the REAL certd against Pebble: `certd renew --force`
# runs in a loop and is SIGKILLed at random instants (the random delay only picks the kill
# instant; everything else polls) at least 100 times; after every kill the public pair must
# parse and match (openssl), {name}.pem must be the key followed by the chain of the same
# pair, and {name}.json must describe the live leaf.
#
# Back-off: certd records every attempt as a failure when it starts, so a kill mid-order
# puts the certificate in back-off, and --force deliberately does not bypass that (a crash
# loop must never hammer the CA; tests/certd/renew_failure_backs_off_test.sh checks it).
# This test is about the certs directory, not the back-off, so it deletes the attempt
# history before each run, as an operator who clears the back-off would. The account stays.
# PEBBLE_VA_ALWAYS_VALID=1 makes each run short so that 100+ kills fit in about a minute.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/pebble_lib.sh"

KILLS=${CRASH_KILLS:-100}  # SIGKILLs that hit a running certd; runs that finish first do not count
NAME=crash.test
dir="$WORK/certs"

check_pair() { check_certs_pair "$dir" "$NAME" "$1"; }

PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
ENV+=("CERTD_DOMAIN=$NAME,www.$NAME" "CERTD_LOG_LEVEL=info")

# Two complete runs, timed: the kill instants are drawn from [0, one run's duration].
start=$(now_ms)
run_capture env "${ENV[@]}" "$CERTD" renew
expect_eq "$CODE" 0 "first renew (stderr: $ERR)"
rm -rf "$WORK/state/attempts"
run_capture env "${ENV[@]}" "$CERTD" renew --force
expect_eq "$CODE" 0 "first forced renew (stderr: $ERR)"
end=$(now_ms)
span=$(((end - start) / 2))  # one run (two runs were timed)
((span > 20)) || span=20
check_pair "after the first runs"

completed=0
killed=0
for ((i = 1; killed < KILLS; i++)); do
  ((i <= 3 * KILLS)) || fail "only $killed of $((i - 1)) runs were killed (the rest finished first)"
  rm -rf "$WORK/state/attempts"
  log="$WORK/certd.$i.log"
  kill_at_random_instant "$span" "$log" env "${ENV[@]}" "$CERTD" renew --force
  code=$KILL_CODE
  [[ $code == 137 || $code == 0 ]] || fail "certd $i failed instead of being killed ($code): $(cat "$log")"
  if [[ $code == 0 ]]; then completed=$((completed + 1)); else killed=$((killed + 1)); fi
  check_pair "after kill $i"
  rm -f "$log"
done

# A clean run after the storm repairs everything and prunes to the kept generations.
rm -rf "$WORK/state/attempts"
run_capture env "${ENV[@]}" "$CERTD" renew --force
expect_eq "$CODE" 0 "renew after the kills (stderr: $ERR)"
check_pair "after the final renew"
verify_issued "$NAME" "$NAME" "www.$NAME"
gens=$(find "$dir/.$NAME.gen" -mindepth 1 -maxdepth 1 | wc -l)
expect_eq "$gens" 3 "entries in .$NAME.gen after the final renew (3 generations kept)"
echo "ok: $killed SIGKILLs of certd renew --force, $completed runs finished first; live $(readlink "$dir/.$NAME.live")"
echo "PASS"
