#!/usr/bin/env bash
# DESIGN.md section 2, guarantee 2: a crash at any instant leaves a complete, matching pair.
# A writer installs fresh certificates through certd's store in a loop; we SIGKILL it at
# random instants (the random delay is only the kill timing; everything else polls) at
# least 100 times, and after every kill check with openssl that the public cert/key pair
# parses and matches, that {name}.pem is consistent, and that {name}.json describes the
# live certificate. Arguments: CERTD STORE_WRITER.
source "$(dirname "$0")/lib.sh"
WRITER=$2
KILLS=${CRASH_KILLS:-120}
NAME=a.example
dir="$WORK/certs"

pubkey_of_cert() { openssl x509 -in "$1" -noout -pubkey 2>/dev/null; }
pubkey_of_key() { openssl pkey -in "$1" -pubout 2>/dev/null; }

check_pair() {
  local what=$1 cert="$dir/$NAME.cert.pem" key="$dir/$NAME.key.pem" pem="$dir/$NAME.pem"
  local cert_pub key_pub
  cert_pub=$(pubkey_of_cert "$cert") || fail "$what: $cert does not parse"
  key_pub=$(pubkey_of_key "$key") || fail "$what: $key does not parse"
  [[ "$cert_pub" == "$key_pub" ]] || fail "$what: $NAME.key.pem does not match $NAME.cert.pem"
  [[ "$(openssl storeutl -noout -certs "$cert" 2>/dev/null | tail -1)" == "Total found: 2" ]] ||
    fail "$what: $cert does not hold the two-certificate chain"
  # {name}.pem: the key first, then the same chain, and they match.
  [[ "$(head -1 "$pem")" == "-----BEGIN PRIVATE KEY-----" ]] || fail "$what: $NAME.pem does not start with the key"
  [[ "$(pubkey_of_key "$pem")" == "$(pubkey_of_cert "$pem")" ]] || fail "$what: $NAME.pem is inconsistent"
  [[ "$(sed '1,/-----END PRIVATE KEY-----/d' "$pem")" == "$(cat "$cert")" ]] ||
    fail "$what: the chain in $NAME.pem differs from $NAME.cert.pem"
  # The metadata describes the live leaf.
  local sha
  sha=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
  grep -q "\"sha256\":\"$sha\"" "$dir/$NAME.json" || fail "$what: $NAME.json describes another certificate"
}

# wait_installed LOG PID: polls until the writer has installed at least once.
wait_installed() {
  local deadline=$((SECONDS + 20))
  until grep -q '^installed' "$1" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || fail "writer exited early: $(cat "$1")"
    ((SECONDS < deadline)) || fail "writer installed nothing in 20 s: $(cat "$1")"
    sleep 0.002
  done
}

"$WRITER" "$dir" "$NAME" "$NAME,www.$NAME" 1 >/dev/null || fail "first install failed"
check_pair "after the first install"

mid_install=0
for ((i = 1; i <= KILLS; i++)); do
  log="$WORK/writer.$i.log"
  "$WRITER" "$dir" "$NAME" "$NAME,www.$NAME" 0 >"$log" 2>&1 &
  pid=$!
  PIDS=("$pid")
  wait_installed "$log" "$pid"
  sleep "0.$(printf '%03d' $((RANDOM % 25)))"  # the random kill instant
  kill -KILL "$pid"
  set +e
  wait "$pid"
  code=$?
  set -e
  PIDS=()
  expect_eq "$code" 137 "writer $i exit status (it must die by SIGKILL, not fail): $(cat "$log")"
  # Evidence that kills land inside installs: a half-written generation or link left over.
  if compgen -G "$dir/.$NAME.gen/.tmp-*" >/dev/null || compgen -G "$dir/.*.link-tmp" >/dev/null; then
    mid_install=$((mid_install + 1))
  fi
  check_pair "after kill $i"
  rm -f "$log"
done

gens=$(find "$dir/.$NAME.gen" -mindepth 1 -maxdepth 1 -name '[0-9]*' | wc -l)
((gens <= 4)) || fail "old generations were not pruned: $gens left"
live=$(readlink "$dir/.$NAME.live")
[[ "$live" == ".$NAME.gen/"* ]] || fail "live link is not relative: $live"
echo "ok: $KILLS kills, $mid_install inside an install, $gens generations on disk, live $live"
