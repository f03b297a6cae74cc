#!/usr/bin/env bash
# Installs the npm dependencies of tests/js reproducibly from package-lock.json (npm ci).
# Idempotent and quiet: does nothing when node_modules is up to date with the lock file.
# Needs node >= 18 and npm: Debian 12's packages `nodejs` (18.x) and `npm` (9.x) are enough
# (apt-get install nodejs npm); the checks are exercised on Node 20.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
  echo "tests/js/install.sh: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || die "node not found; install it (Debian: apt-get install nodejs)"
command -v npm >/dev/null 2>&1 || die "npm not found; install it (Debian: apt-get install npm)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 18)) || die "node >= 18 required, found $(node --version)"
[[ -f "$here/package-lock.json" ]] || die "missing $here/package-lock.json"

stamp="$here/node_modules/.package-lock.json"
if [[ -f "$stamp" && ! "$here/package-lock.json" -nt "$stamp" && ! "$here/package.json" -nt "$stamp" ]]; then
  exit 0
fi

# Serialise concurrent runs (several CTest jobs may call this at once).
exec 9>"$here/.install.lock"
flock 9
if [[ -f "$stamp" && ! "$here/package-lock.json" -nt "$stamp" && ! "$here/package.json" -nt "$stamp" ]]; then
  exit 0
fi

log=$(mktemp "${TMPDIR:-/tmp}/tests-js-npm-ci-XXXXXX")
if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  die "npm ci failed in $here"
fi
rm -f "$log"
[[ -f "$stamp" ]] || die "npm ci did not produce $stamp"
# npm ci keeps the lock's mtime; make the stamp newer so the check above holds next time.
touch "$stamp"
