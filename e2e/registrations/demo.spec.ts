import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";

test("staff in the demo school open a full registrations table", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await expect(page).toHaveURL(/\/registrations$/);
  const count = await page.getByTestId("registrations-count").textContent();
  const n = Number((count ?? "").replace(/\D/g, ""));
  expect(n).toBeGreaterThanOrEqual(250);
  await expect(page.getByRole("row")).toHaveCount(26); // header + the default 25 per page
  await expect(page.getByRole("navigation", { name: "Pagination" })).toBeVisible();
  // Every payment state of the seed is there.
  for (const status of ["Not paid", "Down payment paid", "Partially paid", "Paid", "Overpaid"]) {
    await page.getByLabel("Payment status").selectOption({ label: status });
    await expect(page.getByTestId("payment-status").first()).toHaveText(status);
  }
});
