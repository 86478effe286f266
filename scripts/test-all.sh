#!/usr/bin/env bash
# Installs what the tests need and runs every test: types, lint, unit + integration (vitest, real
# PostgreSQL), production build, end-to-end (Playwright in Chromium). The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the end-to-end tests"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "== no Debian chromium: Playwright will use its own browser (npx playwright install chromium)"
  fi
fi

echo "== npm ci"
npm ci --no-audit --no-fund
echo "== typecheck"
npm run typecheck
echo "== lint"
npm run lint
echo "== import rules (a deliberate bad import must fail lint)"
bash scripts/check-import-rules.sh
echo "== unit and integration tests (vitest)"
npm test
echo "== production build"
npm run build
echo "== server-only boundary (a client component importing SmartBill code must fail the build)"
bash scripts/check-client-boundary.sh
echo "== end-to-end tests (Playwright)"
rm -rf .data/e2e-pg
npm run test:e2e
