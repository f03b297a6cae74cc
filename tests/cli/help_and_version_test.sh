#!/usr/bin/env bash
# Both daemons document every option with its environment variable, print their version,
# and refuse unknown flags as usage errors (exit 64).
source "$(dirname "$0")/lib.sh"

project_version=$(sed -nE 's/^project\([a-z]+ VERSION ([0-9.]+).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")

for pair in "certd:$CERTD:CERTD_" "mcpd:$MCPD:MCPD_"; do
  IFS=: read -r name bin prefix <<<"$pair"

  run_capture "$bin" --help
  expect_eq "$CODE" 0 "$name --help exit code"
  help=$OUT
  expect_contains "$help" "Usage: $name" "$name --help"
  expect_contains "$help" "check-config" "$name --help lists check-config"
  expect_contains "$help" "--config FILE" "$name --help"
  expect_contains "$help" "env ${prefix}CONFIG" "$name --help"

  # Every key that check-config reports must appear in --help with its flag and variable.
  # certd needs a domain to pass its checks.
  run_capture env CERTD_DOMAIN=a.example.com "$bin" check-config
  expect_eq "$CODE" 0 "$name check-config with defaults"
  keys=$(sed -nE 's/^([a-z_.]+) +=.*/\1/p' <<<"$OUT")
  [[ -n "$keys" ]] || fail "$name check-config printed no keys: $OUT"
  for key in $keys; do
    flag="--$(tr '._' '--' <<<"$key")"
    var="${prefix}$(tr 'a-z.' 'A-Z_' <<<"$key")"
    expect_contains "$help" "  $flag" "$name --help documents $key"
    expect_contains "$help" "env $var, key $key" "$name --help names the variable of $key"
  done

  run_capture "$bin" --version
  expect_eq "$CODE" 0 "$name --version exit code"
  expect_eq "$OUT" "$name $project_version" "$name --version"

  run_capture "$bin" --log-levle debug
  expect_eq "$CODE" 64 "$name unknown flag exit code"
  expect_contains "$ERR" "unknown flag --log-levle (did you mean --log-level?)" "$name unknown flag"

  run_capture "$bin" chek-config
  expect_eq "$CODE" 64 "$name unknown command exit code"
  expect_contains "$ERR" "did you mean \"check-config\"" "$name unknown command"
done
echo "ok"
