#!/usr/bin/env bash
# compose.yaml as Debian 12's docker-compose (1.29) reads it, with an .env holding only
# DOMAIN and EMAIL: certd publishes 80 to its unprivileged 8080 with the `certd status`
# healthcheck, mcpd publishes 443 and waits for certd to be healthy, both share the named
# certs volume (read-only for mcpd), certd's state persists in its own volume, restarts are
# unless-stopped, and Pebble with its DNS exist only in the pebble profile, in certd's network
# namespace. .env.pebble points certd at that Pebble; a missing DOMAIN is a clear error.
# The Dockerfile's targets, ports and RUN lines agree with compose.yaml and the tests.
# No container engine is needed (`config` only parses).
source "$(dirname "$0")/../cli/lib.sh"
repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v docker-compose >/dev/null || fail "docker-compose is not installed (scripts/deps.sh --test)"
# docker-compose runs on Debian's python3, which has yaml (a dependency of docker-compose).
py=$(sed -n '1s/^#!//p' "$(command -v docker-compose)")

printf 'DOMAIN=mcp.example.org\nEMAIL=admin@example.org\n' >"$WORK/env"
# The shipped example needs no more than these two.
expect_eq "$(grep -vE '^\s*(#|$)' "$repo/.env.example" | cut -d= -f1 | tr '\n' ' ')" "DOMAIN EMAIL " \
  ".env.example settings"

compose_config() { # ENV_FILE [ARGS...]
  local env_file=$1
  shift
  run_capture docker-compose -f "$repo/compose.yaml" --env-file "$env_file" "$@" config
}
compose_config "$WORK/env"
expect_eq "$CODE" 0 "docker-compose config: $ERR"
echo "$OUT" >"$WORK/default.yaml"
compose_config "$WORK/env" --profile pebble
expect_eq "$CODE" 0 "docker-compose --profile pebble config: $ERR"
compose_config "$repo/.env.pebble"
expect_eq "$CODE" 0 "docker-compose --env-file .env.pebble config: $ERR"
echo "$OUT" >"$WORK/pebble.yaml"

# query FILE PYTHON-EXPRESSION: evaluates the expression over the parsed config `c`.
query() {
  "$py" -c 'import sys, yaml; c = yaml.safe_load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
d="$WORK/default.yaml"
expect_eq "$(query "$d" 'sorted(c["services"])')" "['certd', 'challtestsrv', 'mcpd', 'pebble']" services
expect_eq "$(query "$d" 'sorted(c["volumes"])')" "['certd-state', 'certs', 'pebble-tls']" "named volumes"
expect_eq "$(query "$d" '[c["services"][s].get("profiles") for s in ("certd", "mcpd", "pebble", "challtestsrv")]')" \
  "[None, None, ['pebble'], ['pebble']]" "profiles"

certd='c["services"]["certd"]'
expect_eq "$(query "$d" "$certd[\"environment\"]")" \
  "{'CERTD_CA_BUNDLE': '', 'CERTD_DIRECTORY': 'letsencrypt', 'CERTD_DOMAIN': 'mcp.example.org', 'CERTD_EMAIL': 'admin@example.org'}" \
  "certd environment"
expect_eq "$(query "$d" "[(p['published'], p['target']) for p in $certd['ports']]")" "[(80, 8080)]" "certd ports"
expect_eq "$(query "$d" "$certd['healthcheck']['test']")" "['CMD', 'certd', 'status']" "certd healthcheck"
expect_eq "$(query "$d" "sorted($certd['volumes'])")" \
  "['certd-state:/var/lib/certd:rw', 'certs:/certs:rw', 'pebble-tls:/pebble-tls:ro']" "certd volumes"
expect_eq "$(query "$d" "$certd['restart']")" unless-stopped "certd restart policy"
expect_eq "$(query "$d" "$certd['build']['target']")" certd "certd build target"

mcpd='c["services"]["mcpd"]'
expect_eq "$(query "$d" "$mcpd['depends_on']")" "{'certd': {'condition': 'service_healthy'}}" "mcpd depends_on"
expect_eq "$(query "$d" "[(p['published'], p['target']) for p in $mcpd['ports']]")" "[(443, 8443)]" "mcpd ports"
expect_eq "$(query "$d" "$mcpd['volumes']")" "['certs:/certs:ro', '$repo/docs:/docs:ro']" "mcpd volumes"
expect_eq "$(query "$d" "$mcpd['environment']['MCPD_DOMAIN']")" mcp.example.org "mcpd domain"
expect_eq "$(query "$d" "$mcpd['healthcheck']['test']")" "['CMD', 'mcpd', 'healthcheck']" "mcpd healthcheck"
expect_eq "$(query "$d" "$mcpd['restart']")" unless-stopped "mcpd restart policy"
for s in pebble challtestsrv; do
  expect_eq "$(query "$d" "c['services']['$s']['network_mode']")" service:certd "$s network"
done

p="$WORK/pebble.yaml"
expect_eq "$(query "$p" "$certd['environment']['CERTD_DIRECTORY']")" https://127.0.0.1:14000/dir \
  ".env.pebble directory"
expect_eq "$(query "$p" "$certd['environment']['CERTD_CA_BUNDLE']")" /pebble-tls/ca.pem ".env.pebble CA"
expect_eq "$(grep -c '^COMPOSE_PROFILES=pebble$' "$repo/.env.pebble")" 1 ".env.pebble turns the profile on"
# Pebble validates HTTP-01 on the port certd's image listens on, in the shared namespace.
expect_eq "$(query "$p" "c['services']['pebble']['environment']['PEBBLE_HTTP_PORT']")" 8080 \
  "Pebble's HTTP-01 port"

# No DOMAIN: the error says what to do, before anything would start.
printf 'EMAIL=admin@example.org\n' >"$WORK/env-nodomain"
compose_config "$WORK/env-nodomain"
[[ "$CODE" -ne 0 ]] || fail "config without DOMAIN succeeded"
expect_contains "$ERR" "set DOMAIN in .env" "missing DOMAIN message"

# The Dockerfile has every target compose builds, certd listens where compose maps port 80,
# mcpd's default port is the one mapped to 443, and each RUN is a tested script.
dockerfile="$repo/Dockerfile"
for target in certd mcpd pebble; do
  grep -qE "^FROM .* AS $target\$" "$dockerfile" || fail "Dockerfile lacks target $target"
done
grep -q 'CERTD_ACME_PORT=8080' "$dockerfile" || fail "certd image does not listen on 8080"
grep -q '^EXPOSE 8443$' "$dockerfile" || fail "mcpd image does not expose 8443"
mapfile -t runs < <(grep '^RUN ' "$dockerfile")
expect_eq "${runs[*]}" "RUN bash scripts/deps.sh && bash scripts/install.sh /opt/certmcp RUN bash /tmp/packaging/image-setup.sh / && rm -rf /tmp/packaging RUN bash /tmp/deps.sh --pebble && rm -rf /var/lib/apt/lists/* /tmp/deps.sh" \
  "Dockerfile RUN lines (each script is run by tests/packaging)"
expect_eq "$(grep -c '^HEALTHCHECK ' "$dockerfile")" 2 "HEALTHCHECKs"
expect_eq "$(grep -c '^USER 10001:10001$' "$dockerfile")" 1 "non-root user"
for label in title description version revision created; do
  grep -q "org.opencontainers.image.$label=" "$dockerfile" || fail "OCI label $label missing"
done
echo "ok"
