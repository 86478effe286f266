import { expect, test } from "@playwright/test";
import { DEMO, sidebar, signIn } from "../fixtures/auth";

test("accountants see registrations, a registration, clients and courses without any control that changes them", async ({ page }) => {
  await signIn(page, DEMO.accountant);
  await sidebar(page).getByRole("link", { name: "Registrations" }).click();
  await expect(page.getByRole("heading", { name: "Registrations" })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  await expect(page.getByText("You can see registrations and payments; changes are made by staff and admins.")).toBeVisible();
  await expect(page.getByRole("link", { name: "New registration" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Record payment/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);

  await rows.nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/registrations\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Payment reference")).toBeVisible();
  for (const name of ["Record payment", "Edit", "Cancel registration", "Void"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: /^Void the payment/ })).toHaveCount(0);

  expect((await page.goto("/registrations/new"))?.status()).toBe(403);

  await page.goto("/clients");
  await expect(page.getByRole("button", { name: "New client" })).toHaveCount(0);
  await page.getByRole("row").nth(1).getByRole("link").click();
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New registration for this client" })).toHaveCount(0);

  await page.goto("/courses");
  await expect(page.getByRole("button", { name: "New course" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Edit|Archive) / })).toHaveCount(0);
});
