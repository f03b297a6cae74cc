#!/usr/bin/env bash
# certd against lego, certbot and uacme from Debian on the same Pebble, in one run, printing
# a Markdown table (issue 5). Not a test.
#
#   bash bench/certd_vs_peers.sh [path/to/certd]     (default: build/certd/certd)
#
# Knobs (environment): RUNS=3, BULK=20, ROBUST=10, RUN_TIMEOUT=90 (s per client run),
# KEEP_LOGS=DIR (copy every run's output there). About 5-6 minutes on 2 busy cores.
#
# Pebble 2.4.0 (tests/certd/pebble_lib.sh: free loopback ports, generated TLS identity, mock
# DNS answering A 127.0.0.1 and no AAAA) with PEBBLE_VA_NOSLEEP=1 and no nonce rejection.
# Every client answers HTTP-01 itself on 127.0.0.1:HTTP01_PORT (Pebble's httpPort), except
# uacme, which has no built-in server: its hook writes the token into a webroot that a
# `python3 -m http.server` started by this script serves (that server is not measured).
# Every certificate is ECDSA P-256.
#
# Measures, per client:
#   1. one certificate, fresh account each run: median of RUNS (3) wall time, CPU time
#      (user+sys of the whole process tree, /usr/bin/time) and peak RSS (largest process of
#      the tree); for certd also the HTTP requests and connections it logs at debug level;
#   2. 20 certificates: certd in one `certd renew` over a YAML list of 20, each peer run 20
#      times in a row (one fresh account per client for the whole phase, then reused);
#   3. robustness: Pebble restarted with PEBBLE_WFE_NONCEREJECT=50, 10 issuances per client
#      (fresh account each), count successes (each run killed after RUN_TIMEOUT s);
#   4. the running daemon's own memory: `certd run` with one certificate, idle after its
#      first issuance (it logs "renewal loop sleeping"): Private_Dirty and Rss from
#      /proc/PID/smaps_rollup. lego, certbot and uacme have no daemon mode (they are one-shot
#      commands run from cron or a timer): the table says so in that column.
# Memory targets (issue 17): the idle daemon's Private_Dirty at most 4 MiB, and peak RSS
# within 1.2x of the smallest peer's; the table's last lines say whether both hold.
#
# uacme 1.7.4 (libcurl-gnutls) has no option to trust another CA: it runs in a private mount
# namespace (unshare -m) where Pebble's TLS CA is bind-mounted over the system bundle.
# The peers are installed with apt-get when missing (needs root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
CERTD=$(realpath "${1:-$root/build/certd/certd}")
RUNS=${RUNS:-3}
BULK=${BULK:-20}
ROBUST=${ROBUST:-10}
RUN_TIMEOUT=${RUN_TIMEOUT:-90}
KEEP_LOGS=${KEEP_LOGS:-}   # a directory: every client's logs are copied there at the end
[[ -x $CERTD ]] || { echo "certd binary not found: $CERTD" >&2; exit 1; }

missing=()
for tool in lego:lego certbot:certbot uacme:uacme /usr/bin/time:time pebble:pebble unshare:util-linux; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]} with apt-get" >&2
  apt-get install -y "${missing[@]}" >/dev/null
fi

# WORK, PIDS, start_bg, fail and the exit trap that stops every started PID.
source "$root/tests/cli/lib.sh" "$CERTD" none
source "$root/tests/certd/pebble_lib.sh"

export PEBBLE_WFE_NONCEREJECT=0
# shellcheck disable=SC2119  # no extra Pebble config
start_pebble
mapfile -t CERTD_ENV < <(certd_env)
DIR=$PEBBLE_DIR_URL
EMAIL=admin@example.com

ver_lego=$(dpkg-query -W -f '${Version}' lego)
ver_certbot=$(dpkg-query -W -f '${Version}' certbot)
ver_uacme=$(dpkg-query -W -f '${Version}' uacme)
ver_certd=$("$CERTD" --help 2>&1 | sed -n '1s/^certd \([^:]*\):.*/\1/p')

# uacme's http-01 hook: the token file in a webroot, removed when the challenge ends.
WEBROOT=$WORK/webroot
mkdir -p "$WEBROOT/.well-known/acme-challenge"
cat >"$WORK/uacme-hook.sh" <<HOOK
#!/bin/sh
# uacme hook: METHOD TYPE IDENT TOKEN AUTH
[ "\$2" = http-01 ] || exit 1
f="$WEBROOT/.well-known/acme-challenge/\$4"
case "\$1" in
  begin) printf '%s' "\$5" >"\$f" ;;
  done|failed) rm -f "\$f" ;;
esac
HOOK
chmod +x "$WORK/uacme-hook.sh"

WEB_PID=
start_webroot() {
  start_bg "$WORK/webroot.log" python3 -m http.server --bind 127.0.0.1 --directory "$WEBROOT" "$HTTP01_PORT"
  WEB_PID=$BG_PID
  wait_for_port "$HTTP01_PORT" 10
}
stop_webroot() {
  [[ -n $WEB_PID ]] || return 0
  kill "$WEB_PID" 2>/dev/null || true
  wait "$WEB_PID" 2>/dev/null || true
  local kept=() p
  for p in "${PIDS[@]}"; do [[ $p == "$WEB_PID" ]] || kept+=("$p"); done
  PIDS=("${kept[@]}")
  WEB_PID=
}

# client_cmd CLIENT DOMAIN DIR: sets CMD to one issuance by CLIENT, with DIR as the client's
# private directory (account, certificates, logs). No wrapper shell, so /usr/bin/time sees
# the client itself (uacme needs one sh for its mount namespace).
client_cmd() {
  local client=$1 domain=$2 dir=$3
  case $client in
    certd)
      CMD=(env "${CERTD_ENV[@]}" CERTD_DOMAIN="$domain" CERTD_CERTS_DIR="$dir/certs"
        CERTD_STATE_DIR="$dir/state" "$CERTD" renew) ;;
    lego)
      CMD=(env LEGO_CA_CERTIFICATES="$PEBBLE_CA" lego --server "$DIR" --accept-tos --email "$EMAIL"
        --path "$dir/lego" --key-type ec256 --http --http.port "127.0.0.1:$HTTP01_PORT" -d "$domain" run) ;;
    certbot)
      CMD=(env REQUESTS_CA_BUNDLE="$PEBBLE_CA" certbot certonly --standalone --http-01-port "$HTTP01_PORT"
        --http-01-address 127.0.0.1 --config-dir "$dir/cb/config" --work-dir "$dir/cb/work"
        --logs-dir "$dir/cb/logs" --server "$DIR" --agree-tos -m "$EMAIL" --no-eff-email --non-interactive
        --key-type ecdsa --elliptic-curve secp256r1 -d "$domain") ;;
    uacme)
      # `new` only when the confdir has no account yet (phase 2 reuses it).
      # shellcheck disable=SC2016  # expanded by the inner sh
      CMD=(unshare -m sh -c 'mount --bind "$1" /etc/ssl/certs/ca-certificates.crt || exit 3
        conf=$2 dir=$3 email=$4 hook=$5 domain=$6
        [ -f "$conf/private/key.pem" ] || uacme -c "$conf" -a "$dir" -y -t EC -b 256 new "$email" || exit $?
        exec uacme -c "$conf" -a "$dir" -h "$hook" -o -y -t EC -b 256 issue "$domain"'
        _ "$PEBBLE_CA" "$dir/uacme" "$DIR" "$EMAIL" "$WORK/uacme-hook.sh" "$domain") ;;
  esac
}

# measure CLIENT DOMAIN DIR: one timed issuance, output in DIR/out.log; sets M_RC, M_WALL (s),
# M_CPU (user+sys s of the process tree) and M_RSS (KiB, largest process of the tree).
measure() {
  local client=$1 domain=$2 dir=$3 start end u s
  mkdir -p "$dir"
  client_cmd "$client" "$domain" "$dir"
  start=$(date +%s%N)
  set +e
  timeout "$RUN_TIMEOUT" /usr/bin/time -f "TIMEV %U %S %M" -o "$dir/time.out" "${CMD[@]}" >"$dir/out.log" 2>&1
  M_RC=$?
  set -e
  end=$(date +%s%N)
  M_WALL=$(awk -v n=$((end - start)) 'BEGIN{printf "%.3f", n/1e9}')
  read -r _ u s M_RSS < <(grep '^TIMEV' "$dir/time.out" 2>/dev/null || echo "TIMEV 0 0 0")
  M_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}')
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
failures=()
note_failure() {  # note_failure WHAT DIR
  failures+=("$1 (exit $M_RC): $(tail -n 3 "$2/out.log" | tr '\n' ' ' | cut -c1-400)")
}

CLIENTS=(certd uacme certbot lego)
declare -A wall cpu rss reqs bulk robust
phase_start=$SECONDS

# 1. One certificate, fresh account, median of RUNS. Interleaved: run r of every client, then r+1.
declare -A walls cpus rsss
for r in $(seq 1 "$RUNS"); do
  for c in "${CLIENTS[@]}"; do
    [[ $c == uacme ]] && start_webroot
    d=$WORK/one-$c-$r
    measure "$c" "one$r-$c.test" "$d"
    [[ $c == uacme ]] && stop_webroot
    if ((M_RC != 0)); then note_failure "one certificate, $c run $r" "$d"; continue; fi
    walls[$c]+="$M_WALL "; cpus[$c]+="$M_CPU "; rsss[$c]+="$M_RSS "
    if [[ $c == certd ]]; then
      reqs[$c]+="$(grep -o 'requests=[0-9]* connections=[0-9]*' "$d/out.log" | tail -1 | sed 's/requests=//; s/ connections=/\//') "
    fi
    echo "one certificate: $c run $r: wall ${M_WALL}s cpu ${M_CPU}s rss ${M_RSS} KiB" >&2
  done
done
for c in "${CLIENTS[@]}"; do
  if [[ -n ${walls[$c]:-} ]]; then
    # shellcheck disable=SC2086
    { wall[$c]=$(median ${walls[$c]}); cpu[$c]=$(median ${cpus[$c]}); rss[$c]=$(median ${rsss[$c]}); }
  fi
done
echo "phase 1 took $((SECONDS - phase_start)) s" >&2

# 4 (run here, while Pebble rejects no nonces). The idle daemon's own memory.
phase_start=$SECONDS
d=$WORK/daemon-certd
mkdir -p "$d"
start_bg "$d/out.log" env "${CERTD_ENV[@]}" CERTD_DOMAIN=daemon-certd.test CERTD_CERTS_DIR="$d/certs" \
  CERTD_STATE_DIR="$d/state" "$CERTD" run
daemon_pid=$BG_PID   # env execs certd: this is the daemon's own PID
deadline=$((SECONDS + RUN_TIMEOUT))
while ((SECONDS < deadline)) && kill -0 "$daemon_pid" 2>/dev/null &&
  ! grep -q 'renewal loop sleeping' "$d/out.log"; do
  sleep 0.1
done
daemon_dirty= daemon_rss=
if grep -q 'certificate saved' "$d/out.log" && grep -q 'renewal loop sleeping' "$d/out.log"; then
  daemon_dirty=$(awk '/^Private_Dirty:/ {printf "%.1f", $2/1024}' "/proc/$daemon_pid/smaps_rollup")
  daemon_rss=$(awk '/^Rss:/ {printf "%.1f", $2/1024}' "/proc/$daemon_pid/smaps_rollup")
else
  M_RC=-; note_failure "certd run, first issuance" "$d"
fi
kill -TERM "$daemon_pid" 2>/dev/null || true
wait_for_exit "$daemon_pid" 20
echo "idle daemon: certd Private_Dirty ${daemon_dirty:-?} MiB, Rss ${daemon_rss:-?} MiB" >&2
echo "phase 4 took $((SECONDS - phase_start)) s" >&2

# 2. BULK certificates.
phase_start=$SECONDS
{
  echo "certificates:"
  for i in $(seq 1 "$BULK"); do echo "  - domains: [bulk$i-certd.test]"; done
} >"$WORK/certd-bulk.yaml"
d=$WORK/bulk-certd
mkdir -p "$d"
start=$(date +%s%N)
set +e
env "${CERTD_ENV[@]}" CERTD_CERTS_DIR="$d/certs" CERTD_STATE_DIR="$d/state" \
  timeout $((RUN_TIMEOUT * 3)) "$CERTD" renew --config "$WORK/certd-bulk.yaml" >"$d/out.log" 2>&1
M_RC=$?
set -e
end=$(date +%s%N)
issued=$(find "$d/certs" -maxdepth 1 -name '*.cert.pem' 2>/dev/null | wc -l)
if ((M_RC == 0 && issued == BULK)); then
  bulk[certd]=$(awk -v n=$((end - start)) 'BEGIN{printf "%.3f", n/1e9}')
  bulk_traffic=$(grep -o 'requests=[0-9]* connections=[0-9]*' "$d/out.log" | tail -1 || true)
else
  note_failure "$BULK certificates, certd ($issued issued)" "$d"
fi
echo "$BULK certificates: certd ${bulk[certd]:-failed}s ($issued issued) ${bulk_traffic:-}" >&2
for c in uacme certbot lego; do
  [[ $c == uacme ]] && start_webroot
  d=$WORK/bulk-$c   # one directory, so one account for the whole phase
  ok=0 total=0
  for i in $(seq 1 "$BULK"); do
    measure "$c" "bulk$i-$c.test" "$d"
    total=$(awk -v a="$total" -v b="$M_WALL" 'BEGIN{printf "%.3f", a+b}')
    if ((M_RC == 0)); then ok=$((ok + 1)); else note_failure "$BULK certificates, $c run $i" "$d"; fi
  done
  [[ $c == uacme ]] && stop_webroot
  if ((ok == BULK)); then bulk[$c]=$total; fi
  echo "$BULK certificates: $c ${total}s ($ok of $BULK issued)" >&2
done
echo "phase 2 took $((SECONDS - phase_start)) s" >&2

# 3. Robustness: half of all nonces rejected.
phase_start=$SECONDS
PEBBLE_WFE_NONCEREJECT=50 restart_pebble
for c in "${CLIENTS[@]}"; do
  [[ $c == uacme ]] && start_webroot
  ok=0
  for i in $(seq 1 "$ROBUST"); do
    d=$WORK/robust-$c-$i
    measure "$c" "robust$i-$c.test" "$d"
    if ((M_RC == 0)); then ok=$((ok + 1)); else note_failure "nonce rejection 50%, $c run $i" "$d"; fi
  done
  [[ $c == uacme ]] && stop_webroot
  robust[$c]=$ok
  echo "nonce rejection 50%: $c $ok of $ROBUST" >&2
done
echo "phase 3 took $((SECONDS - phase_start)) s" >&2

if [[ -n $KEEP_LOGS ]]; then
  mkdir -p "$KEEP_LOGS" && cp -r "$WORK/." "$KEEP_LOGS/" && echo "logs kept in $KEEP_LOGS" >&2
fi

# Ratios against the fastest (lowest) peer for each column.
best() {  # best ARRAYNAME: lowest value among the peers
  local -n arr=$1
  local c v b=
  for c in uacme certbot lego; do
    v=${arr[$c]:-}
    [[ -n $v ]] || continue
    if [[ -z $b ]] || awk -v a="$v" -v b="$b" 'BEGIN{exit !(a<b)}'; then b=$v; fi
  done
  echo "$b"
}
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2fx", a/b; else print "-" }' || echo "-"; }
b_wall=$(best wall); b_cpu=$(best cpu); b_rss=$(best rss); b_bulk=$(best bulk)

version() { case $1 in certd) echo "$ver_certd" ;; lego) echo "$ver_lego" ;; certbot) echo "$ver_certbot" ;; uacme) echo "$ver_uacme" ;; esac; }
nproc_n=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "Pebble $(dpkg-query -W -f '${Version}' pebble), PEBBLE_VA_NOSLEEP=1, ECDSA P-256, $nproc_n cores, load average at the end: $load."
echo "One certificate: median of $RUNS runs, fresh account each. Ratios are against the fastest peer in that column."
echo "$BULK certificates: certd in one \`certd renew\` over a list of $BULK; each peer run $BULK times (one account per client)."
echo
echo "| client | version | 1 cert wall s | vs best peer | 1 cert CPU s | vs best peer | peak RSS MiB | vs best peer | idle daemon Private_Dirty MiB | requests/connections | $BULK certs wall s | vs best peer | ok of $ROBUST at 50% nonce rejection |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in "${CLIENTS[@]}"; do
  rss_mib=$( [[ -n ${rss[$c]:-} ]] && awk -v k="${rss[$c]}" 'BEGIN{printf "%.1f", k/1024}' || echo "")
  b_rss_mib=$( [[ -n $b_rss ]] && awk -v k="$b_rss" 'BEGIN{printf "%.1f", k/1024}' || echo "")
  rq=-
  [[ $c == certd && -n ${reqs[certd]:-} ]] && rq=$(echo "${reqs[certd]}" | xargs | tr ' ' ',')
  idle="one-shot, no daemon"
  [[ $c == certd ]] && idle=${daemon_dirty:-failed}
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$c" "$(version "$c")" \
    "${wall[$c]:-failed}" "$(ratio "${wall[$c]:-}" "$b_wall")" \
    "${cpu[$c]:-failed}" "$(ratio "${cpu[$c]:-}" "$b_cpu")" \
    "${rss_mib:-failed}" "$(ratio "${rss_mib:-}" "$b_rss_mib")" "$idle" \
    "$rq" "${bulk[$c]:-failed}" "$(ratio "${bulk[$c]:-}" "$b_bulk")" "${robust[$c]:-0}"
done
echo
[[ -n ${bulk_traffic:-} ]] && echo "certd, $BULK certificates in one run: ${bulk_traffic}."
echo "certd requests/connections: one value per run of the one-certificate phase."
# The memory targets: the idle daemon's own dirty pages, and peak RSS against the smallest peer.
met() { awk -v a="$1" -v b="$2" 'BEGIN{ print (a != "" && a <= b) ? "met" : "not met" }'; }
if [[ -n $daemon_dirty ]]; then
  echo "Idle \`certd run\` after one issuance: Private_Dirty $daemon_dirty MiB (target at most 4 MiB: $(met "$daemon_dirty" 4)), Rss $daemon_rss MiB."
fi
if [[ -n ${rss[certd]:-} && -n $b_rss ]]; then
  rss_ratio=$(awk -v a="${rss[certd]}" -v b="$b_rss" 'BEGIN{printf "%.2f", a/b}')
  echo "Peak RSS: ${rss_ratio}x the smallest peer's (target at most 1.2x: $(met "$rss_ratio" 1.2))."
fi
if ((${#failures[@]})); then
  echo
  echo "Failed runs:"
  printf -- '- %s\n' "${failures[@]}"
fi
