// The bulk Confirm carries the count the person saw: if the selection would now make another number of
// invoices, nothing starts, the dialog says so and shows the new summary to confirm again.
import { expect, test } from "../fixtures/test";
import { createBulkSchool } from "./bulk-school";

test.describe.configure({ timeout: 120_000 });

test("a Confirm whose count changed meanwhile starts nothing; the new count is shown and confirmed", async ({ page, db }) => {
  const school = await createBulkSchool(page, db, { count: 5, priceBani: 40_000 });

  await page.goto("/registrations");
  await page.getByRole("checkbox", { name: "Select all registrations on this page" }).check();
  await expect(page.getByTestId("selection-count")).toHaveText("5 rows selected");
  await page.getByRole("button", { name: "Issue invoices" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue invoices" });
  await expect(dialog.getByTestId("bulk-summary-count")).toHaveText("5 invoices will be issued");

  // While the dialog is open, a colleague cancels one of the registrations.
  await db`update registrations set status = 'cancelled' where org_id = ${school.orgId} and reference = ${school.references[0]!}`;
  await dialog.getByRole("button", { name: "Confirm and issue" }).click();
  await expect(dialog.getByText("What this selection would invoice changed since you confirmed it")).toBeVisible();
  await expect(dialog.getByTestId("bulk-summary-count")).toHaveText("4 invoices will be issued");
  await expect(dialog.getByText("1 cancelled, skipped")).toBeVisible();
  const none = await db<{ n: number }[]>`select count(*)::int as n from invoice_batches where org_id = ${school.orgId}`;
  expect(none[0]!.n).toBe(0);

  await dialog.getByRole("button", { name: "Confirm and issue" }).click();
  await expect(page).toHaveURL(/\/invoices\/batches\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  await expect(page.getByRole("progressbar", { name: "Invoices issued" })).toHaveAttribute("aria-valuemax", "4");
  const rows = await db<{ n: number; requested: number }[]>`
    select count(*)::int as n, max(requested_count)::int as requested from invoice_batches where org_id = ${school.orgId}`;
  expect(rows[0]).toEqual({ n: 1, requested: 5 });
});
