#!/usr/bin/env python3
"""The configuration reference of mcpd and certd as Markdown tables, read from each
daemon's own --help, so the README cannot drift from the code.

    python3 scripts/config-reference.py build/mcpd/mcpd          # print one table
    python3 scripts/config-reference.py --update README.md build/mcpd/mcpd build/certd/certd
    python3 scripts/config-reference.py --check README.md build/mcpd/mcpd build/certd/certd

--update rewrites the text between "<!-- config:NAME -->" and "<!-- /config:NAME -->"
(NAME: the binary's file name); --check exits 1, naming the table, when it is out of date.
"""
import os
import re
import subprocess
import sys


def options(help_text):
    """(flag, description, default, env, key) for every option that has a YAML key."""
    lines = help_text.splitlines()
    found = []
    for i, line in enumerate(lines):
        m = re.match(r"^  (--[a-z0-9-]+)(?: [A-Z][A-Z0-9_:,.]*)?\s+(.*)$", line)
        if not m or i + 1 >= len(lines):
            continue
        env = re.match(r"^\s+env (\w+), key ([a-z0-9_.]+)$", lines[i + 1])
        if not env:
            continue
        flag, text = m.group(1), m.group(2).strip()
        default = ""
        d = re.search(r" \[default: (.*)\]$", text)
        if d:
            default, text = d.group(1), text[: d.start()]
        found.append((flag, text, default, env.group(1), env.group(2)))
    return found


def table(binary):
    text = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    rows = ["| YAML key | environment | flag | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for flag, description, default, env, key in options(text):
        description = description.replace("|", "\\|")
        shown = f"`{default}`" if default else ""
        rows.append(f"| `{key}` | `{env}` | `{flag}` | {shown} | {description} |")
    return "\n".join(rows) + "\n"


def main():
    if sys.argv[1] not in ("--update", "--check"):
        sys.stdout.write(table(sys.argv[1]))
        return 0
    mode, readme, binaries = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    updated = text
    for binary in binaries:
        name = os.path.basename(binary)
        begin, end = f"<!-- config:{name} -->\n", f"<!-- /config:{name} -->"
        start, stop = updated.find(begin), updated.find(end)
        if start < 0 or stop < start:
            print(f"{readme}: no {begin.strip()} ... {end} section", file=sys.stderr)
            return 1
        current = updated[start + len(begin) : stop]
        fresh = table(binary)
        if mode == "--check" and current != fresh:
            print(f"{readme}: the {name} configuration table differs from `{name} --help`; "
                  f"run: python3 scripts/config-reference.py --update {readme} {' '.join(binaries)}",
                  file=sys.stderr)
            return 1
        updated = updated[: start + len(begin)] + fresh + updated[stop:]
    if mode == "--update" and updated != text:
        with open(readme, "w", encoding="utf-8") as f:
            f.write(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
