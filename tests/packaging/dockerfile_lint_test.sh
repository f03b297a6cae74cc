#!/usr/bin/env bash
# With no container engine to build it, the Dockerfile is at least checked by a parser:
# dockerfile-utils (the linter of the Dockerfile language server, from npm, pinned in
# tests/packaging/dockerfile_lint/package-lock.json) reports no problem in it, while it
# does report a misspelt instruction and HEALTHCHECK flag (so the check is not a no-op).
source "$(dirname "$0")/../cli/lib.sh"
repo=$(cd "$(dirname "$0")/../.." && pwd)
lint_dir="$repo/tests/packaging/dockerfile_lint"
bash "$repo/tests/support/npm_ci.sh" "$lint_dir" || fail "npm ci for dockerfile-utils failed"
lint="$lint_dir/node_modules/.bin/dockerfile-utils"

run_capture "$lint" lint "$repo/Dockerfile"
expect_eq "$CODE" 0 "dockerfile-utils lint Dockerfile: $OUT $ERR"
expect_eq "$OUT$ERR" "" "dockerfile-utils lint output"

sed -e 's/^HEALTHCHECK --interval=/HEALTHCHECK --intervl=/' -e 's/^RUN bash scripts/RUNN bash scripts/' \
  "$repo/Dockerfile" >"$WORK/Dockerfile"
run_capture "$lint" lint "$WORK/Dockerfile"
[[ "$CODE" -ne 0 ]] || fail "the linter accepted a broken Dockerfile"
expect_contains "$OUT$ERR" "Unknown flag: intervl" "a misspelt flag"
expect_contains "$OUT$ERR" "Unknown instruction: RUNN" "a misspelt instruction"
echo "ok"
