import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Imports flow one way: app → lib → db. UI components never reach the database or SmartBill.
const serverOnly = [
  { group: ["@/db", "@/db/*", "**/db/*", "**/db"], message: "components/ must not import db/: pass data in as props." },
  {
    group: ["@/lib/smartbill", "@/lib/smartbill/*", "**/lib/smartbill/*", "@/lib/smartbill-sandbox", "@/lib/smartbill-sandbox/*"],
    message: "SmartBill code is server-only: call a server action instead.",
  },
  { group: ["@/lib/invoicing/*", "@/lib/jobs/*", "@/lib/gocardless/*"], message: "Server-only domain code." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts"],
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: serverOnly }] },
  },
  {
    files: ["lib/smartbill/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/components/*", "@/app/*"], message: "lib/ must not import the UI." }] },
      ],
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
