import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Imports flow one way: app → lib and db/queries → db. Each file glob below gets ONE list of restricted
// imports (in flat config a later entry replaces a rule's options, it does not add to them), built from
// these groups. scripts/check-import-rules.sh proves each rule fails on a deliberate bad import.

const DATA = [
  { group: ["drizzle-orm", "drizzle-orm/*"], message: "app/ reaches data through lib/ and db/queries, never drizzle-orm directly." },
  {
    group: ["@/db/schema", "@/db/schema/*", "**/db/schema", "**/db/schema/*"],
    allowTypeImports: true,
    message: "app/ reaches data through lib/ and db/queries, never db/schema (re-export the type from db/queries).",
  },
];
const SANDBOX = [
  {
    group: ["@/lib/smartbill-sandbox", "@/lib/smartbill-sandbox/*", "**/lib/smartbill-sandbox", "**/lib/smartbill-sandbox/*", "**/smartbill-sandbox/*"],
    message: "Only the sandbox route, scripts and tests import the SmartBill sandbox; product code asks the sandbox switch.",
  },
];
const LIB = [{ group: ["@/lib", "@/lib/*", "**/lib/*"], message: "db/ never imports lib/: the database layer knows nothing above it." }];
const UI = [{ group: ["@/components/*", "@/app/*"], message: "lib/ must not import the UI." }];
const CLIENT = [
  { group: ["@/db", "@/db/*", "**/db/*", "**/db"], message: "components/ must not import db/: pass data in as props." },
  {
    group: ["@/lib/smartbill", "@/lib/smartbill/*", "**/lib/smartbill/*"],
    message: "SmartBill code is server-only: call a server action instead.",
  },
  { group: ["@/lib/invoicing/*", "!@/lib/invoicing/constants", "@/lib/jobs/*", "@/lib/gocardless/*"], message: "Server-only domain code." },
];

// Domain layers (one way): registrations and billing below invoicing; smartbill below all three. The lower
// module owns a contract the higher one implements (lib/registrations/payment-hooks.ts's PaymentTriggers).
const INVOICING = [{ group: ["@/lib/invoicing", "@/lib/invoicing/*", "**/lib/invoicing/*", "**/invoicing/*"], message: "A lower domain module never imports lib/invoicing (see payment-hooks.ts for how invoicing plugs in)." }];
const DOMAINS = [{ group: ["@/lib/billing", "@/lib/billing/*", "@/lib/registrations", "@/lib/registrations/*", "**/lib/billing/*", "**/lib/registrations/*"], message: "lib/smartbill is below the domain modules: it never imports them." }];

// app/ and lib/jobs reach invoicing through its doorway (lib/invoicing/index.ts), plus its constants and schemas.
const DOORWAY = [{ group: ["@/lib/invoicing/*", "!@/lib/invoicing/constants", "!@/lib/invoicing/schemas"], message: "Import lib/invoicing through its doorway (@/lib/invoicing), or its constants / schemas." }];

const restrict = (...groups) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns: groups.flat() }] });

// Tests and their support code may reach anything.
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts"],
  },
  { files: ["**/*.{ts,tsx,mjs,js}"], ignores: ["scripts/**", "lib/smartbill-sandbox/**", ...TESTS], rules: restrict(SANDBOX) },
  { files: ["app/**/*.{ts,tsx}"], ignores: ["app/api/smartbill-sandbox/**", ...TESTS], rules: restrict(DATA, SANDBOX, DOORWAY) },
  { files: ["lib/jobs/**/*.ts"], ignores: TESTS, rules: restrict(SANDBOX, DOORWAY) },
  { files: ["app/api/smartbill-sandbox/**/*.{ts,tsx}"], rules: restrict(DATA) },
  { files: ["db/**/*.ts"], ignores: TESTS, rules: restrict(LIB, SANDBOX) },
  { files: ["lib/smartbill/**/*.ts"], ignores: TESTS, rules: restrict(UI, SANDBOX, INVOICING, DOMAINS) },
  { files: ["lib/registrations/**/*.ts", "lib/billing/**/*.ts"], ignores: TESTS, rules: restrict(SANDBOX, INVOICING) },
  { files: ["components/**/*.{ts,tsx}"], ignores: TESTS, rules: restrict(CLIENT, SANDBOX) },
  // lib/env.ts is the one reader of the environment in lib/ and app/.
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    // The sandbox runs standalone too (scripts), and lib/demo-mode.ts is shared with the launcher: both
    // take their variables as a parameter and default to process.env, outside the app's reader.
    ignores: ["lib/env.ts", "lib/smartbill-sandbox/**", "lib/demo-mode.ts", ...TESTS],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read the environment through env() in lib/env.ts." }],
    },
  },
  {
    // One test kit (test/README.md): the Next.js request is stood in for once, in test/next-request.ts.
    files: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock)$/][arguments.0.value=/^(next-auth|next\\u002Fheaders|next\\u002Fcache)$/]",
          message: "The Next.js request is already stood in for (test/next-request.ts): sign in with actAs() from test/session.ts.",
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
