#!/usr/bin/env bash
# Proves SmartBill code cannot reach the browser: in a scratch copy of the project, a client component
# that imports lib/smartbill (or the billing code that holds credentials) must make `next build` fail
# because of `server-only`. Run by scripts/test-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$tmp"
cp -al node_modules "$tmp/node_modules"

probe() { # module, symbol
  rm -rf "$tmp/app/boundary-probe" "$tmp/.next"
  mkdir -p "$tmp/app/boundary-probe"
  cat > "$tmp/app/boundary-probe/page.tsx" <<TSX
"use client";
import { $2 } from "$1";
export default function Probe() {
  return <p>{String($2)}</p>;
}
TSX
  if (cd "$tmp" && NEXT_TELEMETRY_DISABLED=1 npx next build) > "$tmp/build.log" 2>&1; then
    echo "FAIL: a client component importing $1 built successfully"
    exit 1
  fi
  if ! grep -q "server-only" "$tmp/build.log"; then
    echo "FAIL: the build failed, but not because of server-only:"
    tail -30 "$tmp/build.log"
    exit 1
  fi
  echo "ok: importing $1 from a client component fails the build (server-only)"
}

probe "@/lib/smartbill" "SMARTBILL_PRODUCTION_URL"
probe "@/lib/billing/connection" "credentialsOf"
