#!/usr/bin/env bash
# The systemd units, as scripts/install.sh installs them under a prefix, pass
# `systemd-analyze verify` without a single warning (no unknown key, an executable
# ExecStart) and `systemd-analyze security --offline` rates both "OK" (exposure <= 2.0);
# both are Type=notify, reload with SIGHUP and keep the settings the deployment relies on.
# Needs no running systemd.
#   bash systemd_units_test.sh CERTD MCPD BUILD_DIR
source "$(dirname "$0")/../cli/lib.sh"
BUILD_DIR=${3:?usage: $0 CERTD MCPD BUILD_DIR}
repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v systemd-analyze >/dev/null || fail "systemd-analyze is not installed (package systemd)"
prefix="$WORK/prefix"
run_capture env CERTMCP_BUILD_DIR="$BUILD_DIR" bash "$repo/scripts/install.sh" "$prefix"
expect_eq "$CODE" 0 "scripts/install.sh exit code: $OUT $ERR"
units="$prefix/lib/systemd/system"

for unit in certd mcpd; do
  file="$units/$unit.service"
  run_capture systemd-analyze verify "$file"
  expect_eq "$CODE" 0 "systemd-analyze verify $unit.service: $OUT $ERR"
  expect_eq "$OUT$ERR" "" "systemd-analyze verify $unit.service output"
  run_capture systemd-analyze security --offline=yes --threshold=20 "$file"
  expect_eq "$CODE" 0 "systemd-analyze security $unit.service: $(tail -1 <<<"$OUT")"
  for line in Type=notify "ExecStart=$prefix/bin/$unit run" 'ExecReload=/bin/kill -HUP $MAINPID' \
    ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes ProtectHome=yes User=certmcp \
    CapabilityBoundingSet=CAP_NET_BIND_SERVICE AmbientCapabilities=CAP_NET_BIND_SERVICE \
    Restart=on-failure; do
    grep -qxF "$line" "$file" || fail "$unit.service lacks $line"
  done
done
grep -qxF ReadWritePaths=/var/lib/certd "$units/certd.service" || fail "certd.service: ReadWritePaths"
grep -qxF After=network-online.target\ certd.service "$units/mcpd.service" ||
  fail "mcpd.service is not ordered after certd.service"
# certd writes where mcpd reads.
expect_eq "$(grep -h '_CERTS_DIR=' "$units/certd.service" "$units/mcpd.service" | sed 's/.*=//' | sort -u)" \
  /var/lib/certd/certs "the certs directory of both units"

# A broken unit is caught: the test's own check is not a no-op.
sed 's/^Type=notify$/Type=notifyy/' "$units/certd.service" >"$WORK/broken.service"
run_capture systemd-analyze verify "$WORK/broken.service"
expect_contains "$OUT$ERR" "notifyy" "verify reports a bad Type="
echo "ok"
