#!/usr/bin/env bash
# compose.yaml as Debian 12's docker-compose (1.29) reads it, with an .env holding only
# DOMAIN and EMAIL: certd runs in the network namespace of certd-net, which publishes 80 (or
# HTTP_PORT) to certd's unprivileged 8080; certd has the `certd status` healthcheck; mcpd
# publishes 443 (or HTTPS_PORT) and starts with certd (it waits for the certificate itself);
# both share the named certs volume (read-only for mcpd), certd's state persists in its own
# volume, restarts are unless-stopped, and Pebble with its DNS exist only in the pebble
# profile, in certd-net's namespace too, from one image built once. .env.pebble points certd
# at that Pebble; a missing DOMAIN is a clear error. The Dockerfile's targets, ports and RUN
# lines agree with compose.yaml and the tests; DEBIAN_IMAGE reaches every build and the
# base.name label. No container engine is needed (`config` only parses); the stack itself
# runs in tests/packaging/compose_stack_test.sh.
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
expect_eq "$(query "$d" 'sorted(c["services"])')" "['certd', 'certd-net', 'challtestsrv', 'mcpd', 'pebble']" services
expect_eq "$(query "$d" 'sorted(c["volumes"])')" "['certd-state', 'certs', 'pebble-tls']" "named volumes"
expect_eq "$(query "$d" '[c["services"][s].get("profiles") for s in ("certd-net", "certd", "mcpd", "pebble", "challtestsrv")]')" \
  "[None, None, None, ['pebble'], ['pebble']]" "profiles"

certd='c["services"]["certd"]'
expect_eq "$(query "$d" "$certd[\"environment\"]")" \
  "{'CERTD_CA_BUNDLE': '', 'CERTD_DIRECTORY': 'letsencrypt', 'CERTD_DOMAIN': 'mcp.example.org', 'CERTD_EMAIL': 'admin@example.org'}" \
  "certd environment"
expect_eq "$(query "$d" "$certd.get('ports')")" None "certd publishes nothing itself"
expect_eq "$(query "$d" "$certd['network_mode']")" service:certd-net "certd's network namespace"
net='c["services"]["certd-net"]'
expect_eq "$(query "$d" "[(p['published'], p['target']) for p in $net['ports']]")" "[(80, 8080)]" \
  "certd-net ports (certd's HTTP-01)"
expect_eq "$(query "$d" "$net['build']['target']")" netns "certd-net build target"
expect_eq "$(query "$d" "$net['restart']")" unless-stopped "certd-net restart policy"
expect_eq "$(query "$d" "$certd['healthcheck']['test']")" "['CMD', 'certd', 'status']" "certd healthcheck"
expect_eq "$(query "$d" "sorted($certd['volumes'])")" \
  "['certd-state:/var/lib/certd:rw', 'certs:/certs:rw', 'pebble-tls:/pebble-tls:ro']" "certd volumes"
expect_eq "$(query "$d" "$certd['restart']")" unless-stopped "certd restart policy"
expect_eq "$(query "$d" "$certd['build']['target']")" certd "certd build target"

mcpd='c["services"]["mcpd"]'
expect_eq "$(query "$d" "$mcpd['depends_on']")" "{'certd': {'condition': 'service_started'}}" "mcpd depends_on"
expect_eq "$(query "$d" "[(p['published'], p['target']) for p in $mcpd['ports']]")" "[(443, 8443)]" "mcpd ports"
expect_eq "$(query "$d" "$mcpd['volumes']")" "['certs:/certs:ro', '$repo/docs:/docs:ro']" "mcpd volumes"
expect_eq "$(query "$d" "$mcpd['environment']['MCPD_DOMAIN']")" mcp.example.org "mcpd domain"
expect_eq "$(query "$d" "$mcpd['healthcheck']['test']")" "['CMD', 'mcpd', 'healthcheck']" "mcpd healthcheck"
expect_eq "$(query "$d" "$mcpd['restart']")" unless-stopped "mcpd restart policy"
for s in pebble challtestsrv; do
  expect_eq "$(query "$d" "c['services']['$s']['network_mode']")" service:certd-net "$s network"
done
# One image for Pebble and its DNS, built once (by the pebble service).
expect_eq "$(query "$d" "[c['services'][s]['image'] for s in ('pebble', 'challtestsrv')]")" \
  "['certmcp/pebble:local', 'certmcp/pebble:local']" "pebble and challtestsrv image"
expect_eq "$(query "$d" "[s for s in sorted(c['services']) if 'build' in c['services'][s]]")" \
  "['certd', 'certd-net', 'mcpd', 'pebble']" "services that build an image"
expect_eq "$(query "$d" "sorted(set(c['services'][s]['build']['args']['DEBIAN_IMAGE'] for s in c['services'] if 'build' in c['services'][s]))")" \
  "['debian:bookworm-slim']" "default DEBIAN_IMAGE of every build"

# Ports and the base image come from the environment (a test picks free ports on loopback).
run_capture env HTTP_PORT=127.0.0.1:8081 HTTPS_PORT=8444 DEBIAN_IMAGE=local/debian:12 \
  docker-compose -f "$repo/compose.yaml" --env-file "$WORK/env" config
expect_eq "$CODE" 0 "docker-compose config with HTTP_PORT and HTTPS_PORT: $ERR"
echo "$OUT" >"$WORK/ports.yaml"
# (1.29 prints a port with a host address in the short syntax)
expect_eq "$(query "$WORK/ports.yaml" "[c['services'][s]['ports'] for s in ('certd-net', 'mcpd')]")" \
  "[['127.0.0.1:8081:8080/tcp'], [{'published': 8444, 'target': 8443}]]" "ports from HTTP_PORT and HTTPS_PORT"
expect_eq "$(query "$WORK/ports.yaml" "c['services']['mcpd']['build']['args']['DEBIAN_IMAGE']")" \
  local/debian:12 "DEBIAN_IMAGE reaches the builds"

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
for target in certd mcpd netns pebble; do
  grep -qE "^FROM .* AS $target\$" "$dockerfile" || fail "Dockerfile lacks target $target"
done
grep -q 'CERTD_ACME_PORT=8080' "$dockerfile" || fail "certd image does not listen on 8080"
grep -q '^EXPOSE 8443$' "$dockerfile" || fail "mcpd image does not expose 8443"
mapfile -t runs < <(grep '^RUN ' "$dockerfile")
expect_eq "${runs[*]}" "RUN bash scripts/deps.sh RUN bash scripts/install.sh /opt/certmcp -DCERTMCP_TESTS=OFF -DCERTMCP_UNITY=ON \"-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG\" RUN bash /tmp/packaging/image-setup.sh / && rm -rf /tmp/packaging RUN bash /tmp/deps.sh --pebble && rm -rf /var/lib/apt/lists/* /tmp/deps.sh" \
  "Dockerfile RUN lines (each script is run by tests/packaging)"
# The build stage: the apt layer from deps.sh alone, then only what the compile reads, so an
# edit of compose.yaml or the tests neither reinstalls packages nor recompiles.
build_stage=$(awk '/^FROM .* AS build$/ {on=1; next} /^FROM / {on=0} on && /^(COPY|RUN) /' "$dockerfile")
expect_eq "$(head -2 <<<"$build_stage" | tr '\n' '|')" "COPY scripts/deps.sh scripts/|RUN bash scripts/deps.sh|" \
  "the build stage's first layers"
grep -q '^COPY \. ' <<<"$build_stage" && fail "the build stage copies the whole context"
# Labels name the base image actually used.
expect_eq "$(grep -c 'org.opencontainers.image.base.name="${DEBIAN_IMAGE}"' "$dockerfile")" 3 \
  "base.name labels from DEBIAN_IMAGE"
grep -q 'docker.io/library' "$dockerfile" && fail "a label names a fixed base image"
expect_eq "$(grep -c '^HEALTHCHECK ' "$dockerfile")" 2 "HEALTHCHECKs"
expect_eq "$(grep -c '^USER 10001:10001$' "$dockerfile")" 1 "non-root user"
for label in title description version revision created; do
  grep -q "org.opencontainers.image.$label=" "$dockerfile" || fail "OCI label $label missing"
done
echo "ok"
