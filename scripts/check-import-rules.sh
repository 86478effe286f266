#!/usr/bin/env bash
# Proves the import rules in eslint.config.mjs hold: for each rule, a file with a deliberate bad import is
# written into the tree, and eslint must report that rule on it (plus one good file that must lint clean,
# so a failure cannot come from a broken probe). The probes are removed again. Run by scripts/test-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

probes=()
cleanup() { rm -f "${probes[@]}"; }
trap cleanup EXIT

# path | a phrase of the expected rule's message ("none": must lint clean) | contents
declare -a CASES=(
  "app/__import_probe_drizzle.ts|never drizzle-orm|import { eq } from \"drizzle-orm\";\nexport const probe = eq;"
  "app/__import_probe_schema.ts|never db/schema|import { users } from \"@/db/schema\";\nexport const probe = users;"
  "app/__import_probe_sandbox.ts|import the SmartBill sandbox|import { DEMO_SMARTBILL } from \"@/lib/smartbill-sandbox/demo\";\nexport const probe = DEMO_SMARTBILL;"
  "db/queries/__import_probe_lib.ts|db/ never imports lib/|import { env } from \"@/lib/env\";\nexport const probe = env;"
  "db/queries/__import_probe_lib_relative.ts|db/ never imports lib/|import { AppError } from \"../../lib/errors\";\nexport const probe = AppError;"
  "lib/billing/__import_probe_sandbox.ts|import the SmartBill sandbox|import { DEMO_SMARTBILL } from \"../smartbill-sandbox/demo\";\nexport const probe = DEMO_SMARTBILL;"
  "components/__import_probe_db.tsx|must not import db/|import { db } from \"@/db\";\nexport const probe = db;"
  "components/__import_probe_smartbill.tsx|SmartBill code is server-only|import { SMARTBILL_PRODUCTION_URL } from \"@/lib/smartbill\";\nexport const probe = SMARTBILL_PRODUCTION_URL;"
  "lib/registrations/__import_probe_invoicing.ts|never imports lib/invoicing|import { invoicingTriggers } from \"@/lib/invoicing/triggers\";\nexport const probe = invoicingTriggers;"
  "lib/billing/__import_probe_invoicing.ts|never imports lib/invoicing|import { MAX_IN_FLIGHT } from \"../invoicing/engine/claim\";\nexport const probe = MAX_IN_FLIGHT;"
  "lib/smartbill/__import_probe_domain.ts|never imports them|import { requireCredentials } from \"@/lib/billing/connection\";\nexport const probe = requireCredentials;"
  "app/__import_probe_doorway.ts|through its doorway|import { drainSeries } from \"@/lib/invoicing/engine/drain\";\nexport const probe = drainSeries;"
  "lib/jobs/__import_probe_doorway.ts|through its doorway|import { claimNext } from \"@/lib/invoicing/engine/claim\";\nexport const probe = claimNext;"
  "lib/billing/__import_probe_env.ts|env() in lib/env.ts|export const probe = process.env.DATABASE_URL;"
  "app/__import_probe_good.ts|none|import type { users } from \"@/db/schema\";\nimport { pingDatabase } from \"@/db/queries/health\";\nimport { env } from \"@/lib/env\";\nexport const probe: [typeof users | null, unknown, unknown] = [null, pingDatabase, env];"
)

for c in "${CASES[@]}"; do
  IFS='|' read -r file _phrase body <<<"$c"
  probes+=("$file")
  printf '%b\n' "$body" >"$file"
done

npx eslint --no-warn-ignored -f json "${probes[@]}" >/tmp/import-rules-$$.json || true
node - "/tmp/import-rules-$$.json" "${CASES[@]}" <<'JS'
const fs = require("node:fs");
const path = require("node:path");
const [report, ...cases] = process.argv.slice(2);
const results = JSON.parse(fs.readFileSync(report, "utf8"));
fs.rmSync(report);
let failed = false;
for (const c of cases) {
  const [file, phrase] = c.split("|");
  const r = results.find((x) => x.filePath === path.resolve(file));
  const messages = (r?.messages ?? []).map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
  const ok = phrase === "none" ? messages.length === 0 : messages.some((m) => m.includes(phrase));
  console.log(`${ok ? "ok  " : "FAIL"} ${file}: expected ${phrase === "none" ? "no error" : `"${phrase}"`}, got ${messages.join(" | ") || "no error"}`);
  if (!ok) failed = true;
}
process.exit(failed ? 1 : 0);
JS
