#!/usr/bin/env bash
# Memory amplification: four concurrent 4 MiB hostile JSON bodies, without a session and
# inside a 2025-03-26 session (a batch), over plain HTTP and over TLS. Each is answered with
# one error, a well-behaved client starts sessions and searches meanwhile, the sampled peak
# RSS grows by at most 64 MiB and 5 s later RSS is within 16 MiB of where it started.
#   bash memory_amplification_test.sh CERTD MCPD
# shellcheck source-path=SCRIPTDIR source=attack_lib.sh
source "$(dirname "$0")/attack_lib.sh"

for mode in plain tls; do
  log="$WORK/mcpd-$mode.log"
  start_attacked_mcpd "$mode" "$log"
  ca_args=()
  [[ -n "$MCPD_CA" ]] && ca_args=(--cafile "$MCPD_CA")
  python3 "$ATTACK_DIR/memory_attack.py" --pid "$MCPD_PID" --port "$MCPD_PORT" "${ca_args[@]}" ||
    fail "memory attack ($mode); mcpd log: $(tail -n 20 "$log")"
  stop_attacked_mcpd
done
echo "ok"
