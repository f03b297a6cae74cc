#!/usr/bin/env bash
# A value set by a flag beats the environment, which beats the file, which beats the
# default; check-config shows each effective value and where it came from.
source "$(dirname "$0")/lib.sh"

cfg="$WORK/mcpd.yaml"
printf '# mcpd\nlisten: 127.0.0.1:1001\n' >"$cfg"

listen_line() {
  run_capture "$@"
  expect_eq "$CODE" 0 "check-config exit code ($*)"
  grep -E '^listen ' <<<"$OUT" | tr -s ' '
}

expect_eq "$(listen_line env -u MCPD_LISTEN "$MCPD" check-config)" "listen = 127.0.0.1:8080 (default)" "default"
expect_eq "$(listen_line env -u MCPD_LISTEN "$MCPD" check-config --config "$cfg")" "listen = 127.0.0.1:1001 ($cfg:2)" "file"
expect_eq "$(listen_line env MCPD_LISTEN=127.0.0.1:1002 "$MCPD" check-config --config "$cfg")" \
  "listen = 127.0.0.1:1002 (environment MCPD_LISTEN)" "environment over file"
expect_eq "$(listen_line env MCPD_LISTEN=127.0.0.1:1002 "$MCPD" check-config --config "$cfg" --listen 127.0.0.1:1003)" \
  "listen = 127.0.0.1:1003 (flag --listen)" "flag over environment"
expect_eq "$(listen_line env MCPD_LISTEN=127.0.0.1:1002 "$MCPD" --listen=127.0.0.1:1004 check-config "$cfg")" \
  "listen = 127.0.0.1:1004 (flag --listen)" "flag before the command, file as argument"
echo "ok"
