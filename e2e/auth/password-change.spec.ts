import { expect, test } from "@playwright/test";
import { formAlert, signIn } from "../fixtures/auth";
import { signUpNewSchool } from "../fixtures/school";

test("changing the password signs out every other browser and keeps this one", async ({ page, browser, baseURL }) => {
  const { email, password } = await signUpNewSchool(page, "Școala Parolelor");
  const laptop = await browser.newContext({ baseURL });
  const other = await laptop.newPage();
  await signIn(other, email, password);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await page.getByLabel("Current password").fill("not-it");
  await page.getByLabel("New password").fill("a-better-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password").fill("p".repeat(73));
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at most 72 bytes", { exact: false })).toBeVisible();

  await page.getByLabel("New password").fill("a-better-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.", { exact: false })).toBeVisible();
  await expect(formAlert(page)).toHaveCount(0);

  await other.goto("/registrations");
  await expect(other).toHaveURL(/\/sign-in/);
  await page.goto("/registrations");
  await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
  await signIn(other, email, "a-better-password");
  await laptop.close();
});
