# Helpers for the attack tests (tests/attack/), on top of tests/tls/tls_lib.sh (which
# brings tests/cli/lib.sh): start mcpd plain or with TLS from a private test CA and read
# its port back from the log. The attack clients are Python (attack_client.py).
# shellcheck source-path=SCRIPTDIR source=../tls/tls_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tls/tls_lib.sh"

export PYTHONDONTWRITEBYTECODE=1  # keep the source tree clean
ATTACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# start_attacked_mcpd MODE LOG ARGS...: starts mcpd (MODE plain or tls, on 127.0.0.1) with
# ARGS; sets MCPD_PID, MCPD_PORT and, for tls, MCPD_CA (the CA file clients trust).
start_attacked_mcpd() {
  local mode=$1 log=$2
  shift 2
  local tls_args=()
  MCPD_CA=""
  if [[ $mode == tls ]]; then
    local certs="$WORK/certs"
    mkdir -p "$certs"
    [[ -f "$PKI/ca.pem" ]] || make_ca
    [[ -f "$PKI/attack.crt" ]] || make_leaf attack 5 ec localhost
    install_file "$PKI/attack.crt" "$certs/localhost.cert.pem"
    install_file "$PKI/attack.key" "$certs/localhost.key.pem"
    tls_args=(--domain localhost --certs-dir "$certs")
    MCPD_CA="$PKI/ca.pem"
  fi
  start_bg "$log" "$MCPD" --listen 127.0.0.1:0 "${tls_args[@]}" "$@"
  MCPD_PID=$BG_PID
  local scheme=http
  [[ $mode == tls ]] && scheme=https
  MCPD_PORT=$(listening_port "$log" "$scheme" 15)
}

# stop_attacked_mcpd: SIGTERM, and it must exit cleanly within 10 s.
stop_attacked_mcpd() {
  kill -TERM "$MCPD_PID"
  wait_for_exit "$MCPD_PID" 10
  expect_eq "$EXIT_CODE" 0 "mcpd exit code after the attack"
}
