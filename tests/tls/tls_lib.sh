# Helpers for mcpd's TLS tests, on top of tests/cli/lib.sh: a private test CA made with
# openssl at test time, leaf certificates, atomic installs the way certd does them, and
# questions asked of a live TLS port with openssl s_client.
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

PKI="$WORK/pki"
mkdir -p "$PKI"

# make_ca: a P-256 test root in $PKI/ca.pem (key $PKI/ca.key).
make_ca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PKI/ca.key" \
    -out "$PKI/ca.pem" -days 30 -subj "/CN=mcpd test CA" 2>/dev/null
}

# make_leaf NAME DAYS KEYSPEC SAN...: a leaf signed by the test CA, in $PKI/NAME.crt (chain:
# leaf then CA) and $PKI/NAME.key. KEYSPEC is "ec" or "rsa"; DAYS may be -1 (expired).
make_leaf() {
  local name=$1 days=$2 keyspec=$3
  shift 3
  local san="" n
  for n in "$@"; do san+="${san:+,}DNS:$n"; done
  local keyopts=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
  [[ "$keyspec" == rsa ]] && keyopts=(-newkey rsa:2048)
  openssl req "${keyopts[@]}" -nodes -keyout "$PKI/$name.key" -out "$PKI/$name.csr" \
    -subj "/CN=$1" 2>/dev/null  # the first SAN
  printf "subjectAltName=%s\nextendedKeyUsage=serverAuth\n" "$san" >"$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
    -CAcreateserial -days "$days" -extfile "$PKI/$name.ext" -out "$PKI/$name.leaf" 2>/dev/null
  cat "$PKI/$name.leaf" "$PKI/ca.pem" >"$PKI/$name.crt"
}

# serial_of NAME: the serial of $PKI/NAME.crt's leaf as openssl prints it (uppercase hex).
serial_of() {
  openssl x509 -in "$PKI/$1.leaf" -noout -serial | cut -d= -f2
}

# install_file SRC DEST: atomic replacement, as certd does it (temp file, then rename).
install_file() {
  cp "$1" "$2.tmp.$$"
  mv -f "$2.tmp.$$" "$2"
}

# served_serial PORT SNI: the serial of the leaf a new handshake gets (no resumption).
served_serial() {
  local ca=()
  [[ -f "$PKI/ca.pem" ]] && ca=(-CAfile "$PKI/ca.pem")
  openssl s_client -connect "127.0.0.1:$1" -servername "$2" "${ca[@]}" \
    </dev/null 2>/dev/null | openssl x509 -noout -serial | cut -d= -f2
}

# wait_for_serial PORT SNI SERIAL SECONDS: polls until a new handshake shows SERIAL.
wait_for_serial() {
  local deadline=$((SECONDS + $4)) got=""
  while ((SECONDS < deadline)); do
    got=$(served_serial "$1" "$2" || true)
    [[ "$got" == "$3" ]] && return 0
    sleep 0.05
  done
  fail "port $1 still serves serial '$got' after $4 s, expected $3"
}

# listening_port LOG SCHEME SECONDS: the port mcpd logged for SCHEME (http or https).
listening_port() {
  local line
  line=$(wait_for_match "$1" "mcpd\.http: listening address=127\.0\.0\.1:[0-9]+ scheme=$2 " "$3")
  sed -E 's/.*address=127\.0\.0\.1:([0-9]+) .*/\1/' <<<"$line"
}

# kubelet_write DIR NAME: updates DIR as the kubelet updates a mounted Secret volume, with
# $PKI/NAME.crt, $PKI/NAME.key and the CA as tls.crt, tls.key and ca.crt: the payload in a
# new timestamped directory, "..data_tmp" pointing at it renamed over "..data" (one atomic
# rename), per-key symlinks through "..data" created once, and the old directory removed.
kubelet_write() {
  local dir=$1 stamp old key
  stamp="..$(date -u +%Y_%m_%d_%H_%M_%S).$(date +%N)"
  mkdir -p "$dir/$stamp"
  cp "$PKI/$2.crt" "$dir/$stamp/tls.crt"
  cp "$PKI/$2.key" "$dir/$stamp/tls.key"
  cp "$PKI/ca.pem" "$dir/$stamp/ca.crt"
  old=$(readlink "$dir/..data" || true)
  ln -s "$stamp" "$dir/..data_tmp"
  mv -T "$dir/..data_tmp" "$dir/..data"
  for key in tls.crt tls.key ca.crt; do
    [[ -L "$dir/$key" ]] || ln -s "..data/$key" "$dir/$key"
  done
  [[ -z "$old" ]] || rm -rf "${dir:?}/$old"
}
