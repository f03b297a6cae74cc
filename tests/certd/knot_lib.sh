# Knot as the authoritative server of the zone test., taking TXT
# updates signed with a TSIG key, and Pebble validating through it; for the dns-01 and
# tls-alpn-01 tests. Source after cli/lib.sh and pebble_lib.sh, then call
# start_knot_and_pebble. It sets KNOT_PORT, SECRET (the TSIG secret of key certd-key),
# TLS_PORT (where Pebble checks tls-alpn-01), PEBBLE_DIR_URL and PEBBLE_CA; both servers
# are stopped by the caller's cleanup, by PID.

start_knot_and_pebble() {
  command -v knotd >/dev/null || fail "knotd is not installed"
  command -v keymgr >/dev/null || fail "keymgr is not installed"
# Knot, authoritative for test., TXT updates allowed with a TSIG key.
K=$WORK/knot
mkdir -p "$K"/{db,run,zones}
keymgr -t certd-key hmac-sha256 >"$K/tsig.conf"
SECRET=$(awk '/secret:/{print $2}' "$K/tsig.conf")
KNOT_PORT=$(free_port)
cat >"$K/zones/test.zone" <<'ZONE'
$ORIGIN test.
$TTL 0
@  SOA ns.test. hostmaster.test. 1 60 60 3600 0
@  NS  ns.test.
ns A 127.0.0.1
@  A   127.0.0.1
*  A   127.0.0.1
ZONE
cat >"$K/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$KNOT_PORT
    rundir: $K/run
$( [[ $(id -u) == 0 ]] && echo "    user: root:root" || true)
log:
  - target: stdout
    any: info
database:
    storage: $K/db
$(cat "$K/tsig.conf")
acl:
  - id: certd-update
    key: certd-key
    action: update
    update-type: [TXT]
template:
  - id: default
    storage: $K/zones
    zonefile-sync: -1
    zonefile-load: difference-no-serial
    journal-content: all
    semantic-checks: off
zone:
  - domain: test.
    file: test.zone
    acl: certd-update
CONF
start_bg "$WORK/knotd.log" knotd -c "$K/knot.conf"
deadline=$((SECONDS + 10))
until dig +short +time=1 +tries=1 @127.0.0.1 -p "$KNOT_PORT" test SOA | grep -q ns.test; do
  ((SECONDS < deadline)) || fail "knotd did not answer: $(cat "$WORK/knotd.log")"
  sleep 0.05
done

# Pebble validating through Knot (start_pebble would use challtestsrv instead).
make_pebble_tls
TLS_PORT=$(free_port)
pebble_port=$(free_port)
mgmt_port=$(free_port)
cat >"$WORK/pebble/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$pebble_port",
  "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$WORK/pebble/cert.pem", "privateKey": "$WORK/pebble/key.pem",
  "httpPort": $(free_port), "tlsPort": $TLS_PORT, "ocspResponderURL": "",
  "externalAccountBindingRequired": false, "certificateValidityPeriod": 518400}}
JSON
PEBBLE_DNS_PORT=$KNOT_PORT
PEBBLE_DIR_URL="https://127.0.0.1:$pebble_port/dir"
run_pebble
}

# start_stale_knot: a second Knot serving the same zone test. from its own copy of the
# zone file, taking no updates and not a secondary of the first: a name server that never
# publishes what certd adds. Sets STALE_KNOT_PORT; stopped by the caller's cleanup.
start_stale_knot() {
  local S=$WORK/knot-stale
  mkdir -p "$S"/{db,run,zones}
  cp "$WORK/knot/zones/test.zone" "$S/zones/test.zone"
  STALE_KNOT_PORT=$(free_port)
  cat >"$S/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$STALE_KNOT_PORT
    rundir: $S/run
$( [[ $(id -u) == 0 ]] && echo "    user: root:root" || true)
log:
  - target: stdout
    any: info
database:
    storage: $S/db
template:
  - id: default
    storage: $S/zones
    zonefile-sync: -1
    semantic-checks: off
zone:
  - domain: test.
    file: test.zone
CONF
  start_bg "$WORK/knotd-stale.log" knotd -c "$S/knot.conf"
  local deadline=$((SECONDS + 10))
  until dig +short +time=1 +tries=1 @127.0.0.1 -p "$STALE_KNOT_PORT" test SOA | grep -q ns.test; do
    ((SECONDS < deadline)) || fail "the second knotd did not answer: $(cat "$WORK/knotd-stale.log")"
    sleep 0.05
  done
}
