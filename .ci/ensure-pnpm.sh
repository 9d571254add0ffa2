#!/usr/bin/env bash
# Makes sure pnpm 10 is on PATH: a fresh machine has only Node and npm.
# pnpm 12 does not run here and pnpm's own version switch refuses an unsigned
# registry, so we pin the major version and let .npmrc turn the switch off.
set -euo pipefail
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm -v 2>/dev/null)" != 10.* ]]; then
  echo "shopplan: installing pnpm 10 with npm…" >&2
  npm install -g pnpm@10 >/dev/null
fi
