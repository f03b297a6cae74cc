#!/usr/bin/env bash
# The store's promise: a crash at any instant leaves a complete, matching pair.
# A writer installs fresh certificates through certd's store in a loop; we SIGKILL it at
# random instants (the random delay is only the kill timing; everything else polls) at
# least 100 times, and after every kill check with openssl that the public cert/key pair
# parses and matches, that {name}.pem is consistent, and that {name}.json describes the
# live certificate. Arguments: CERTD STORE_WRITER.
source "$(dirname "$0")/lib.sh"
WRITER=$2
KILLS=${CRASH_KILLS:-120}
NAME=a.example
dir="$WORK/certs"

check_pair() {
  check_certs_pair "$dir" "$NAME" "$1"
  [[ "$(openssl storeutl -noout -certs "$dir/$NAME.cert.pem" 2>/dev/null | tail -1)" == "Total found: 2" ]] ||
    fail "$1: $NAME.cert.pem does not hold the two-certificate chain"
}

# wait_ready LOG PID: polls until the writer is set up and starts installing.
wait_ready() {
  local deadline=$((SECONDS + 20))
  until grep -q '^ready' "$1" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || fail "writer exited early: $(cat "$1")"
    ((SECONDS < deadline)) || fail "writer not ready after 20 s: $(cat "$1")"
    sleep 0.002
  done
}

"$WRITER" "$dir" "$NAME" "$NAME,www.$NAME" 1 >/dev/null || fail "first install failed"
check_pair "after the first install"

mid_install=0
completed=0
for ((i = 1; i <= KILLS; i++)); do
  log="$WORK/writer.$i.log"
  "$WRITER" "$dir" "$NAME" "$NAME,www.$NAME" 0 >"$log" 2>&1 &
  pid=$!
  PIDS=("$pid")
  wait_ready "$log" "$pid"
  sleep "0.$(printf '%03d' $((RANDOM % 100)))"  # the random kill instant
  kill -KILL "$pid"
  set +e
  wait "$pid"
  code=$?
  set -e
  PIDS=()
  expect_eq "$code" 137 "writer $i exit status (it must die by SIGKILL, not fail): $(cat "$log")"
  # Evidence that kills land inside installs: a half-written generation or link left over.
  if compgen -G "$dir/.$NAME.gen/.tmp-*" >/dev/null || compgen -G "$dir/.*.link-tmp" >/dev/null; then
    mid_install=$((mid_install + 1))
  fi
  check_pair "after kill $i"
  grep -q '^installed' "$log" && completed=$((completed + 1))
  rm -f "$log"
done

# Kills may leave complete-but-never-live generations and temporary directories behind;
# the next complete install prunes them down to the three kept generations.
"$WRITER" "$dir" "$NAME" "$NAME,www.$NAME" 1 >/dev/null || fail "install after the kills failed"
check_pair "after the final install"
gens=$(find "$dir/.$NAME.gen" -mindepth 1 -maxdepth 1 | wc -l)
expect_eq "$gens" 3 "entries in .$NAME.gen after the final install (3 generations kept)"
[[ -z "$(find "$dir" -maxdepth 1 -name '*.link-tmp')" ]] || fail "a temporary link was left behind"
live=$(readlink "$dir/.$NAME.live")
[[ "$live" == ".$NAME.gen/"* ]] || fail "live link is not relative: $live"
echo "ok: $KILLS kills, $mid_install left a half-written generation or link," \
  "$completed after at least one complete install; $gens generations on disk, live $live"
