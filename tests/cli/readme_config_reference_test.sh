#!/usr/bin/env bash
# The README's configuration tables list every key of both daemons exactly as their --help
# describes it (key, environment variable, flag, default), so users never read stale docs.
set -euo pipefail
CERTD=$1 MCPD=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The script names each table by the binary's file name.
ln -s "$MCPD" "$work/mcpd"
ln -s "$CERTD" "$work/certd"
python3 "$root/scripts/config-reference.py" --check "$root/README.md" "$work/mcpd" "$work/certd" || {
  echo "after a build: python3 scripts/config-reference.py --update README.md build/mcpd/mcpd build/certd/certd" >&2
  exit 1
}
# Every environment variable either daemon documents appears in the README.
for bin in "$MCPD" "$CERTD"; do
  for var in $("$bin" --help | sed -nE 's/^ +env ([A-Z_]+).*/\1/p'); do
    grep -q "\`$var\`" "$root/README.md" || [[ "$var" == *_CONFIG ]] ||
      { echo "README.md does not mention $var" >&2; exit 1; }
  done
done
echo "README configuration tables match --help"
