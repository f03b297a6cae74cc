#!/usr/bin/env bash
# Installs the npm dependencies of one test folder reproducibly from its package-lock.json
# (npm ci). Idempotent and quiet: nothing happens when node_modules is newer than the
# lock and package.json. Concurrent CTest jobs are serialised with a lock file.
#   bash tests/support/npm_ci.sh DIR [extra npm ci flags]
set -euo pipefail
dir=$(cd "${1:?usage: npm_ci.sh DIR}" && pwd)
shift
stamp="$dir/node_modules/.package-lock.json"

die() {
  echo "npm_ci.sh ($dir): $*" >&2
  exit 1
}
up_to_date() { [[ -f "$stamp" && ! "$dir/package-lock.json" -nt "$stamp" && ! "$dir/package.json" -nt "$stamp" ]]; }

command -v npm >/dev/null || die "npm not found (Debian: apt-get install nodejs npm)"
up_to_date && exit 0
exec 9>"$dir/.install.lock"
flock 9
up_to_date && exit 0
log=$(mktemp "${TMPDIR:-/tmp}/npm-ci-XXXXXX")
if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error "$@") >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  die "npm ci failed"
fi
rm -f "$log"
[[ -f "$stamp" ]] || die "npm ci did not produce $stamp"
# npm ci keeps the lock's mtime; make the stamp newer so the check above holds next time.
touch "$stamp"
