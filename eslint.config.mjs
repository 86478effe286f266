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
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
