#!/usr/bin/env bash
# A broken configuration stops a daemon before it starts, with exit status 78 and the
# first problem named by its source, line and key path.
source "$(dirname "$0")/lib.sh"

# expect_config_error DESCRIPTION EXPECTED_MESSAGE CMD...
expect_config_error() {
  local what=$1 message=$2
  shift 2
  run_capture "$@"
  expect_eq "$CODE" 78 "$what: exit code"
  expect_contains "$ERR" "$message" "$what: message"
}

cfg="$WORK/mcpd.yaml"
printf 'listen: 127.0.0.1:0\nlog:\n  levle: debug\n' >"$cfg"
expect_config_error "typo in a key (run)" "configuration error: $cfg:3: unknown key \"log.levle\" (did you mean \"log.level\"?)" \
  "$MCPD" --config "$cfg"
expect_config_error "typo in a key (check-config FILE)" "$cfg:3: unknown key \"log.levle\"" \
  "$MCPD" check-config "$cfg"
expect_config_error "typo in a key (MCPD_CONFIG)" "$cfg:3: unknown key" env MCPD_CONFIG="$cfg" "$MCPD" check-config

printf 'listen:\n  host: 127.0.0.1\n' >"$cfg"
expect_config_error "wrong type" "$cfg:1: listen: expected a single value, got a map" "$MCPD" check-config "$cfg"

printf '# comment\nhttp:\n  threads: many\n' >"$cfg"
expect_config_error "bad value" "$cfg:3: http.threads: expected a whole number, got \"many\"" "$MCPD" --config "$cfg"

printf 'listen: [127.0.0.1:80\n' >"$cfg"
expect_config_error "invalid YAML" "invalid YAML" "$MCPD" check-config "$cfg"

expect_config_error "missing file" "$WORK/none.yaml: cannot read: No such file or directory" \
  "$MCPD" --config "$WORK/none.yaml"
expect_config_error "bad environment value" "environment MCPD_LISTEN: listen: missing \":PORT\" in \"localhost\"" \
  env MCPD_LISTEN=localhost "$MCPD"
expect_config_error "bad flag value" "flag --log-format: log.format: expected one of text, json; got \"xml\"" \
  "$MCPD" --log-format xml

# Durations: 0 would disable a timeout, an overflow would wrap; both name the key and range.
printf 'http:\n  idle_timeout: 0s\n' >"$cfg"
expect_config_error "zero idle timeout" "$cfg:2: http.idle_timeout: expected a duration from 1s to 1h, got \"0s\"" \
  "$MCPD" check-config "$cfg"
expect_config_error "overflowing idle timeout" "http.idle_timeout: duration \"106751991167300d106751991167300d\" is too large" \
  "$MCPD" --http-idle-timeout 106751991167300d106751991167300d
expect_config_error "certd zero hook timeout" "hook_timeout: expected a duration from 1s to 1d, got \"0\"" \
  env CERTD_DOMAIN=example.com CERTD_HOOK_TIMEOUT=0 "$CERTD" check-config
expect_config_error "a directory as the config file" "$WORK: is a directory, not a configuration file" \
  "$MCPD" --config "$WORK"
# A huge scalar is cut short in the message, not echoed whole.
{ printf 'http:\n  threads: '; head -c 1000000 /dev/zero | tr '\0' 9; printf '\n'; } >"$cfg"
run_capture "$MCPD" check-config "$cfg"
expect_eq "$CODE" 78 "huge scalar: exit code"
expect_contains "$ERR" "(1000000 bytes)" "huge scalar: message says how long it was"
[ "${#ERR}" -lt 2000 ] || fail "huge scalar: the error is ${#ERR} bytes long"

certd_cfg="$WORK/certd.yaml"
printf 'domain:\n  - example.com\n  - "*.example.com"\nemail: ops@example.com\n' >"$certd_cfg"
expect_config_error "certd wildcard without dns-01" "$certd_cfg:3: domain[1]: \"*.example.com\" is a wildcard, which needs the dns-01 or dns-persist-01 challenge" \
  "$CERTD" check-config "$certd_cfg"
expect_config_error "certd without a domain" "domain: at least one domain is required (set --domain, CERTD_DOMAIN or the key domain)" \
  "$CERTD" run
printf 'domain: example.com\nkey_type: ec521\n' >"$certd_cfg"
expect_config_error "certd key type" "$certd_cfg:2: key_type:" "$CERTD" check-config "$certd_cfg"
printf 'domain: example.com\nkey_group: no-such-group-certd\n' >"$certd_cfg"
expect_config_error "certd unknown key group" "$certd_cfg:2: key_group: no group named \"no-such-group-certd\" on this system" \
  "$CERTD" check-config "$certd_cfg"
printf 'domain: example.com\n\nkeep_generations: 0\n' >"$certd_cfg"
expect_config_error "certd keep_generations" "$certd_cfg:3: keep_generations:" "$CERTD" check-config "$certd_cfg"
expect_config_error "certd account key type" "environment CERTD_ACCOUNT_KEY_TYPE: account_key_type: unknown key type \"es256\"" \
  env CERTD_DOMAIN=example.com CERTD_ACCOUNT_KEY_TYPE=es256 "$CERTD" check-config

# A good file passes and says so.
printf 'domain: [example.com, www.example.com]\nemail: ops@example.com\n' >"$certd_cfg"
run_capture "$CERTD" check-config "$certd_cfg"
expect_eq "$CODE" 0 "good certd config: exit code"
expect_contains "$OUT" "configuration ok: $certd_cfg" "good certd config"
echo "ok"
