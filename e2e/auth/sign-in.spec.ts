import { expect, test } from "@playwright/test";
import { DEMO, formAlert, signIn, uniqueEmail } from "../fixtures/auth";

test("the demo admin signs in and lands on registrations", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page).toHaveURL(/\/registrations$/);
  await expect(page.getByTestId("org-name")).toHaveText("Școala Demo");
  await expect(page.getByRole("heading", { name: "Registrations", exact: true })).toBeVisible();
});

test("a wrong password gets a friendly error and no session", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(DEMO.staff);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toContainText("The e-mail or password is not right.");
  await page.goto("/registrations");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("repeated failures are throttled with a clear message", async ({ page }) => {
  const email = uniqueEmail("victim");
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toContainText("The e-mail or password is not right.");
  }
  await page.getByLabel("Password").fill("guess-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toContainText("Too many failed sign-ins for this address");
  await expect(formAlert(page)).toContainText("15 minutes");
});

test("signed-out visitors are sent to sign in, and back afterwards", async ({ page }) => {
  await page.goto("/invoices");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("E-mail").fill(DEMO.accountant);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/invoices$/);
});

test("the language switch shows the Romanian interface", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Language").selectOption("ro");
  await expect(page.getByRole("heading", { name: "Autentificare în Bursar" })).toBeVisible();
  await page.getByLabel("Limba").selectOption("en");
  await expect(page.getByRole("heading", { name: "Sign in to Bursar" })).toBeVisible();
});
