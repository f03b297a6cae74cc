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
