// Runs before every spec (the "setup" project in playwright.config.ts): signs in once per demo role and
// stores the session, so specs that only need a signed-in member start from it (e2e/fixtures/test.ts).
import { test as setup } from "@playwright/test";
import { authFile, DEMO, DEMO_ROLES, signIn } from "./fixtures/auth";

for (const role of DEMO_ROLES) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    await page.context().storageState({ path: authFile(role) });
  });
}
