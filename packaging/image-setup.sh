#!/usr/bin/env bash
# The runtime stage of both container images, in one script so that a test runs every
# line of it outside a container (tests/packaging/install_test.sh):
#   1. installs the Debian packages in runtime-packages.txt that are missing (none on a
#      machine that already has them: then no package index is touched);
#   2. adds the unprivileged user and group certmcp (uid and gid 10001) to ROOT/etc/passwd
#      and ROOT/etc/group unless present: both images use the same uid, so mcpd can read
#      the private key certd writes with mode 0600 into the shared certs volume;
#   3. makes the mount points /certs (certificates, shared), /var/lib/certd (certd's
#      private state) and /docs (a documentation corpus), owned by that user, so a named
#      volume mounted there starts with the right owner.
#   bash packaging/image-setup.sh ROOT     (ROOT is / in the images, a temp dir in the test)
set -euo pipefail
root=${1:?usage: image-setup.sh ROOT}
here=$(dirname "$0")
uid=10001

missing=()
while read -r package; do
  [[ -z "$package" || "$package" == \#* ]] && continue
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done <"$here/runtime-packages.txt"
if ((${#missing[@]})); then
  echo "image-setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  rm -rf /var/lib/apt/lists/*
fi

mkdir -p "$root/etc"
touch "$root/etc/passwd" "$root/etc/group"
grep -q '^certmcp:' "$root/etc/group" || echo "certmcp:x:$uid:" >>"$root/etc/group"
grep -q '^certmcp:' "$root/etc/passwd" ||
  echo "certmcp:x:$uid:$uid:certd and mcpd:/nonexistent:/usr/sbin/nologin" >>"$root/etc/passwd"

install -d -o "$uid" -g "$uid" -m 0755 "$root/certs" "$root/docs"
install -d -o "$uid" -g "$uid" -m 0700 "$root/var/lib/certd"
