#!/usr/bin/env bash
# `npm start`: install, build the web app and serve it on the bundled demo plan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/ensure-pnpm.sh
pnpm install --frozen-lockfile
pnpm turbo run build --filter=@shopplan/web...
port="${PORT:-4173}"
echo
echo "shopplan web app (demo plan: June shop) → http://127.0.0.1:${port}/"
echo
exec pnpm --filter @shopplan/web exec vite preview --host 127.0.0.1 --port "$port" --strictPort
