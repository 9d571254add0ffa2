#!/usr/bin/env bash
# `npm test`: set up everything the tests need on a fresh machine, then run
# every test: typecheck, dependency rules, unit tests, integration tests
# (xlsx recalculated by LibreOffice) and end-to-end tests (built app in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/ensure-pnpm.sh
bash .ci/system-deps.sh
pnpm install --frozen-lockfile
pnpm turbo run typecheck
pnpm run lint
log=$(mktemp)
status=0
# One package at a time: the machine has two cores and the e2e and LibreOffice
# tests are heavy; parallel runs only make them flaky.
pnpm turbo run test --concurrency=1 2>&1 | tee "$log" || status=$?
# Vitest prints one "Tests  N passed | M failed (T)" line per package; sum them
# into the single closing line CI reads.
sed -r 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /Tests +[0-9]/ {
    for (i = 1; i <= NF; i++) {
      if ($(i) ~ /^passed/) passed += $(i - 1)
      if ($(i) ~ /^failed/) failed += $(i - 1)
    }
  }
  END { printf "%d passed, %d failed\n", passed, failed }'
rm -f "$log"
exit "$status"
