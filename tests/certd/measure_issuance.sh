#!/usr/bin/env bash
# Not a CI test: measures one `certd renew` issuance against Pebble (PEBBLE_VA_NOSLEEP=1, no
# nonce rejection, fresh account): wall time, certd's own CPU time and peak RSS (from
# /usr/bin/time -v when present, else bash `times`), and the HTTP requests and connections
# certd logged.  Usage: measure_issuance.sh CERTD [RUNS]
source "$(dirname "$0")/../cli/lib.sh" "$1" none
source "$(dirname "$0")/pebble_lib.sh"
RUNS=${2:-5}

PEBBLE_WFE_NONCEREJECT=0 start_pebble
mapfile -t ENV < <(certd_env)
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/state" "$WORK/certs"
  if [[ -x /usr/bin/time ]]; then
    env "${ENV[@]}" CERTD_DOMAIN="m$run.test" /usr/bin/time -v "$CERTD" renew 2>"$WORK/err" >/dev/null ||
      fail "run $run: $(cat "$WORK/err")"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/err")
    user=$(sed -n 's/.*User time (seconds): //p' "$WORK/err")
    sys=$(sed -n 's/.*System time (seconds): //p' "$WORK/err")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/err")
  else
    start=$(date +%s.%N)
    env "${ENV[@]}" CERTD_DOMAIN="m$run.test" "$CERTD" renew 2>"$WORK/err" >/dev/null || fail "run $run"
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    read -r _ _ user sys < <(times | tail -1 | tr 'ms' '  ')
    rss=unknown
  fi
  traffic=$(grep -o "requests=[0-9]* connections=[0-9]*" "$WORK/err")
  echo "run $run: wall=$wall user=${user}s sys=${sys}s peak_rss_kb=$rss $traffic"
done
