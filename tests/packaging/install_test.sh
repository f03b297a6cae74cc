#!/usr/bin/env bash
# scripts/install.sh installs both daemons under a fresh prefix; every shared library they
# load belongs to a package in packaging/runtime-packages.txt (so the images' runtime stage
# cannot miss one) and the list names nothing else but ca-certificates; the installed
# binaries run (--version; mcpd serves /healthz on plain HTTP and `mcpd healthcheck` sees
# it); packaging/image-setup.sh (the images' runtime stage) finds every runtime package
# installed and makes the user and mount points.
#   bash install_test.sh CERTD MCPD BUILD_DIR
source "$(dirname "$0")/../cli/lib.sh"
BUILD_DIR=${3:?usage: $0 CERTD MCPD BUILD_DIR}
repo=$(cd "$(dirname "$0")/../.." && pwd)
list="$repo/packaging/runtime-packages.txt"
prefix="$WORK/prefix"

run_capture env CERTMCP_BUILD_DIR="$BUILD_DIR" bash "$repo/scripts/install.sh" "$prefix"
expect_eq "$CODE" 0 "scripts/install.sh exit code: $OUT $ERR"
for f in bin/certd bin/mcpd lib/systemd/system/certd.service lib/systemd/system/mcpd.service \
  lib/sysusers.d/certmcp.conf share/certmcp/runtime-packages.txt; do
  [[ -f "$prefix/$f" ]] || fail "not installed: $f ($OUT)"
done
[[ -x "$prefix/bin/certd" && -x "$prefix/bin/mcpd" ]] || fail "binaries not executable"
grep -qx "ExecStart=$prefix/bin/certd run" "$prefix/lib/systemd/system/certd.service" ||
  fail "certd.service does not start the installed binary"
sections=$(readelf -S "$prefix/bin/mcpd") || fail "readelf failed on the installed mcpd"
[[ "$sections" == *.text* && "$sections" != *.debug_info* ]] || fail "mcpd installed unstripped"

mapfile -t runtime < <(grep -vE '^\s*(#|$)' "$list")
in_runtime() {
  local p
  for p in "${runtime[@]}"; do [[ "$p" == "$1" ]] && return 0; done
  return 1
}
# owner FILE: the Debian package that ships FILE. Debian 12 merged /usr, so a library ldd
# finds under /lib may be registered under /usr/lib, or the other way round.
owner() {
  local path candidates=("$1" "$(readlink -f "$1")")
  for path in "${candidates[@]}"; do
    candidates+=("${path/#\/usr\/lib\//\/lib\/}" "${path/#\/lib\//\/usr\/lib\/}" "${path/#\/lib64\//\/usr\/lib64\/}")
  done
  for path in "${candidates[@]}"; do
    if out=$(dpkg -S "$path" 2>/dev/null); then
      echo "${out%%:*}"
      return 0
    fi
  done
  return 1
}

needed=()
for bin in certd mcpd; do
  libs=$(ldd "$prefix/bin/$bin") || fail "ldd $bin failed: $libs"
  ! grep -q "not found" <<<"$libs" || fail "$bin has a missing library: $libs"
  while read -r path; do
    package=$(owner "$path") || fail "$bin: no package owns $path"
    package=${package%:*}
    in_runtime "$package" || fail "$bin loads $path from $package, which $list lacks"
    needed+=("$package")
  done < <(awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' <<<"$libs")
done
((${#needed[@]} >= 10)) || fail "ldd found too few libraries: ${needed[*]}"
for package in "${runtime[@]}"; do
  [[ "$package" == ca-certificates ]] && continue
  [[ " ${needed[*]} " == *" $package "* ]] || fail "$list names $package, which no binary loads"
done

version=$(sed -nE 's/^project\([a-z]+ VERSION ([0-9.]+).*/\1/p' "$repo/CMakeLists.txt")
for bin in certd mcpd; do
  run_capture "$prefix/bin/$bin" --version
  expect_eq "$CODE $OUT" "0 $bin $version" "installed $bin --version"
done

health=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log="$WORK/mcpd.log"
start_bg "$log" "$prefix/bin/mcpd" run --listen 127.0.0.1:0 --health-listen "127.0.0.1:$health"
pid=$BG_PID
line=$(wait_for_match "$log" "listening address=127\.0\.0\.1:[0-9]+ scheme=http .*" 15)
wait_for_match "$log" 'mcpd: started' 15 >/dev/null
port=$(grep -oE 'listening address=127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$' | grep -vx "$health")
expect_eq "$(curl -sS --max-time 5 "http://127.0.0.1:$port/healthz")" ok "installed mcpd /healthz"
run_capture "$prefix/bin/mcpd" healthcheck --health-listen "127.0.0.1:$health"
expect_eq "$CODE" 0 "installed mcpd healthcheck: $ERR"
kill -TERM "$pid"
wait_for_exit "$pid" 10
expect_eq "$EXIT_CODE" 0 "installed mcpd exit code after SIGTERM"

# The images' runtime stage, into a scratch root. The packages are all present here (deps.sh
# installs them), so it must install nothing.
for package in "${runtime[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]] ||
    fail "runtime package $package is not installed on this machine"
done
root="$WORK/root"
for pass in 1 2; do
  run_capture bash "$repo/packaging/image-setup.sh" "$root"
  expect_eq "$CODE" 0 "image-setup.sh (pass $pass): $ERR"
  [[ "$ERR" != *installing* ]] || fail "image-setup.sh installed packages: $ERR"
done
expect_eq "$(cat "$root/etc/passwd")" "certmcp:x:10001:10001:certd and mcpd:/nonexistent:/usr/sbin/nologin" \
  "passwd entry, added once"
expect_eq "$(cat "$root/etc/group")" "certmcp:x:10001:" "group entry, added once"
expect_eq "$(stat -c '%u:%g %a' "$root/certs")" "10001:10001 755" "/certs"
expect_eq "$(stat -c '%u:%g %a' "$root/docs")" "10001:10001 755" "/docs"
expect_eq "$(stat -c '%u:%g %a' "$root/var/lib/certd")" "10001:10001 700" "/var/lib/certd"
echo "ok"
