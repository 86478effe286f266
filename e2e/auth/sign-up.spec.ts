import { expect, test } from "@playwright/test";
import { sidebar, signIn, signOut, uniqueEmail } from "../fixtures/auth";

test("a visitor creates a school and becomes its admin", async ({ page }) => {
  const email = uniqueEmail("founder");
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter at least 2 characters.").first()).toBeVisible();

  await page.getByLabel("School name").fill("Școala de Dans Arabesque");
  await page.getByLabel("Your name").fill("Irina Pop");
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/setup\/credentials$/); // a new admin starts the SmartBill wizard
  await expect(page.getByTestId("org-name")).toHaveText("Școala de Dans Arabesque");
  for (const item of ["Registrations", "Invoices", "SmartBill setup", "Billing", "Team"]) {
    await expect(sidebar(page).getByRole("link", { name: item })).toBeVisible();
  }

  await signOut(page);
  await signIn(page, email, "a-good-password");
  await expect(page).toHaveURL(/\/registrations$/);
});

test("signing up twice with one e-mail says so plainly", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("School name").fill("Another School");
  await page.getByLabel("Your name").fill("Ana Admin");
  await page.getByLabel("Work e-mail").fill("admin@demo.bursar.test");
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this e-mail already exists.", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});
