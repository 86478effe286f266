import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;
// This machine cannot download Playwright's browser: use Debian's Chromium when it is there.
const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;

export const SANDBOX_CONTROL_KEY = "e2e-sandbox-control-key";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs in once per demo role and stores the sessions (e2e/.auth/) that the asAdmin/asStaff/
    // asAccountant fixtures start from.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "e2e", dependencies: ["setup"] },
  ],
  webServer: {
    // `npm run build` must have run first (the test command does it).
    command: `node --conditions=react-server --import tsx scripts/with-db.ts --migrate --seed -- next start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: !process.env.CI,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    env: {
      NEXTAUTH_URL: baseURL,
      EMBEDDED_PG_DIR: ".data/e2e-pg",
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54339",
      EMBEDDED_PG_EPHEMERAL: "1",
      SMARTBILL_SANDBOX_CONTROL_KEY: SANDBOX_CONTROL_KEY,
      // "Real" SmartBill credentials typed into the wizard go to the built-in sandbox too: no test ever
      // reaches for the internet.
      SMARTBILL_BASE_URL: `${baseURL}/api/smartbill-sandbox/SBORO/api`,
      SMARTBILL_RETRY_BASE_MS: "50",
      // An invoice create that gets no answer goes in doubt after 5 s (not 60 s), so the reconcile specs
      // see it within a test; reconcile waits this + 10 s before deciding.
      SMARTBILL_CREATE_TIMEOUT_MS: "5000",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every spec signs up schools from 127.0.0.1: the sign-up flood limits would stop the suite.
      BURSAR_SIGN_UPS_PER_CLIENT_PER_HOUR: "100000",
      BURSAR_SIGN_UPS_PER_HOUR: "100000",
    },
  },
});
