import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../fixtures/auth";

// A text search counts up to 100 matches and then says "more than 100" (db/queries/registration-search.ts):
// the table still pages on past it, and "select all matching" still means every match.
test("a broad search says 'more than 100' and still pages and selects every match", async ({ page }) => {
  await signIn(page, DEMO.staff);
  await page.goto("/registrations?q=a");
  await expect(page.getByTestId("registrations-count")).toHaveText("More than 100 registrations");
  await expect(page.getByText("1–25 of more than 100 rows")).toBeVisible();
  await expect(page.getByText("Page 1 of 5+")).toBeVisible();
  await expect(page.getByRole("button", { name: "Last page" })).toBeDisabled();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("26–50 of more than 100 rows")).toBeVisible();

  await page.getByRole("checkbox", { name: "Select all registrations on this page" }).check();
  await page.getByRole("button", { name: "Select all matching this filter (more than 100)" }).click();
  await expect(page.getByTestId("selection-count")).toHaveText("All rows matching this filter are selected (more than 100)");

  // A narrow search is counted exactly.
  const reference = (await page.getByRole("row").nth(1).getByRole("link").first().textContent())?.trim() ?? "";
  expect(reference).toMatch(/^[2-9A-Y]{7}$/);
  await page.goto(`/registrations?q=${encodeURIComponent(reference)}`);
  await expect(page.getByTestId("registrations-count")).toHaveText("1 registration");
});
