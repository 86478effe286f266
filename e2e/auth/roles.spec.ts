import { expect, test } from "../fixtures/test";
import { sidebar } from "../fixtures/auth";

test("staff see registrations and invoices, not settings", async ({ asStaff: page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/registrations$/);
  const nav = sidebar(page);
  await expect(nav.getByRole("link", { name: "Registrations" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Invoices" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "SmartBill setup" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(0);
  const res = await page.goto("/setup");
  expect(res?.status()).toBe(403);
});

test("accountants start on invoices, see registrations read-only, and get a 403 page on settings", async ({ asAccountant: page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/invoices$/);
  const nav = sidebar(page);
  await expect(nav.getByRole("link")).toHaveText(["Registrations", "Clients", "Courses", "Invoices"]);
  const res = await page.goto("/settings/team");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your start page" }).click();
  await expect(page).toHaveURL(/\/invoices$/);
  expect((await page.goto("/registrations"))?.status()).toBe(200);
  expect((await page.goto("/registrations/new"))?.status()).toBe(403);
});

test("each section says what will be there", async ({ asAdmin: page }) => {
  await page.goto("/");
  await sidebar(page).getByRole("link", { name: "Invoices" }).click();
  // The demo school starts with issued invoices: the list, not an empty state.
  await expect(page.getByTestId("invoices-count")).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: "Invoices" })).toHaveAttribute("aria-current", "page");
});
