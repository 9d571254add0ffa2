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
pnpm turbo run test --concurrency=1
