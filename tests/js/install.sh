#!/usr/bin/env bash
# Installs the npm dependencies of tests/js reproducibly from package-lock.json (npm ci).
# Idempotent and quiet (tests/support/npm_ci.sh).
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

bash "$here/../support/npm_ci.sh" "$here"
