# Helpers for integration tests written in bash. Source it; it sets strict mode, a work
# directory removed on exit, and a cleanup that stops every process started with
# start_bg by its PID.
set -euo pipefail

CERTD=${1:?usage: $0 CERTD MCPD}
MCPD=${2:?usage: $0 CERTD MCPD}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/certmcp-it-XXXXXX")
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
  [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"
}

# expect_contains HAYSTACK NEEDLE WHAT
expect_contains() {
  [[ "$1" == *"$2"* ]] || fail "$3: expected to contain '$2', got: $1"
}

# run_capture CMD...: runs CMD, sets OUT, ERR and CODE without failing the script.
run_capture() {
  local out_file="$WORK/out.$$" err_file="$WORK/err.$$"
  set +e
  "$@" >"$out_file" 2>"$err_file"
  CODE=$?
  set -e
  OUT=$(cat "$out_file")
  ERR=$(cat "$err_file")
}

# start_bg LOGFILE CMD...: starts CMD in the background, output to LOGFILE; sets BG_PID.
start_bg() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  BG_PID=$!
  PIDS+=("$BG_PID")
}

# wait_for_match FILE REGEX SECONDS: waits until FILE has a line matching REGEX, printing
# the first match; fails at the deadline.
wait_for_match() {
  local file=$1 regex=$2 deadline=$((SECONDS + $3)) line
  while ((SECONDS < deadline)); do
    line=$(grep -m1 -E "$regex" "$file" 2>/dev/null || true)
    if [[ -n "$line" ]]; then
      echo "$line"
      return 0
    fi
    sleep 0.05
  done
  fail "no line matching '$regex' in $file after $3 s: $(cat "$file")"
}

# wait_for_exit PID SECONDS: waits for PID to exit and sets EXIT_CODE; fails at the deadline.
wait_for_exit() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "process $pid still running after $2 s"
    sleep 0.05
  done
  set +e
  wait "$pid"
  EXIT_CODE=$?
  set -e
}

now_ms() { date +%s%3N; }

# free_port: a TCP port free on 127.0.0.1 right now, for servers that cannot bind port 0
# and report it (Pebble, HAProxy).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# kill_at_random_instant SPAN_MS LOG CMD...: runs CMD (output to LOG), SIGKILLs it at a
# random instant within SPAN_MS unless it finished first; sets KILL_CODE (137 when killed).
# The sleep is the point of the crash tests: it picks where in CMD's work the kill lands.
kill_at_random_instant() {
  local span=$1 log=$2 pid delay
  shift 2
  "$@" >"$log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  delay=$((RANDOM % span))
  sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  KILL_CODE=$?
  set -e
  unset 'PIDS[-1]'
}

# check_certs_pair DIR NAME WHAT: the files certd keeps for NAME in DIR are one usable set:
# the chain and key parse and match, NAME.pem is exactly the key followed by that chain, and
# NAME.json describes that leaf. One openssl run per file keeps 100+ checks fast.
check_certs_pair() {
  local dir=$1 name=$2 what=$3
  local cert="$dir/$name.cert.pem" key="$dir/$name.key.pem" pem="$dir/$name.pem"
  local cert_info key_pub sha
  cert_info=$(openssl x509 -in "$cert" -noout -pubkey -fingerprint -sha256 2>/dev/null) ||
    fail "$what: $cert does not parse"
  key_pub=$(openssl pkey -in "$key" -pubout 2>/dev/null) || fail "$what: $key does not parse"
  [[ "$cert_info" == *"$key_pub"* ]] || fail "$what: $name.key.pem does not match $name.cert.pem"
  [[ "$(cat "$pem")" == "$(cat "$key" "$cert")" ]] ||
    fail "$what: $name.pem is not the key followed by the chain of this pair"
  # NAME.pem on its own (HAProxy reads only it): its key matches its first certificate.
  [[ "$(openssl x509 -in "$pem" -noout -pubkey 2>/dev/null)" == "$(openssl pkey -in "$pem" -pubout 2>/dev/null)" ]] ||
    fail "$what: $name.pem is not consistent in itself"
  sha=$(sed -n 's/.*Fingerprint=//p' <<<"$cert_info" | tr -d : | tr A-F a-f)
  [[ -n "$sha" ]] || fail "$what: no fingerprint"
  grep -q "\"sha256\":\"$sha\"" "$dir/$name.json" || fail "$what: $name.json describes another certificate"
}
