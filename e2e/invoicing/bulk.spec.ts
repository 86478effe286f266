// Bulk issue in the browser against the built-in sandbox (the e2e app runs the invoicing workers):
// select, summary, confirm, live progress that survives a reload and other staff see, cancel.
import { expect, test } from "../fixtures/test";
import { createBulkSchool, signInSecondStaff } from "./bulk-school";

test.describe.configure({ timeout: 180_000 });

function count(page: import("@playwright/test").Page, key: string) {
  return page.getByTestId(`batch-count-${key}`);
}

async function issuedNow(page: import("@playwright/test").Page): Promise<number> {
  return Number(await count(page, "issued").textContent());
}

test("staff issue 50 invoices for all matching registrations; progress survives a reload and a second staff member follows it", async ({ page, browser, db, sandbox }) => {
  const school = await createBulkSchool(page, db, { count: 50, priceBani: 50_000 });

  await page.goto("/registrations");
  await expect(page.getByTestId("registrations-count")).toHaveText("50 registrations");
  await page.getByRole("checkbox", { name: "Select all registrations on this page" }).check();
  await page.getByRole("button", { name: "Select all 50 matching this filter" }).click();
  await expect(page.getByTestId("selection-count")).toHaveText("All 50 rows matching this filter are selected");
  await page.getByRole("button", { name: "Issue invoices" }).click();

  const dialog = page.getByRole("dialog", { name: "Issue invoices" });
  await expect(dialog.getByTestId("bulk-summary-count")).toHaveText("50 invoices will be issued");
  await expect(dialog.getByTestId("bulk-summary-total")).toContainText("RON 25,000.00");
  await expect(dialog.getByRole("row", { name: new RegExp(`${school.name} BRS 50 RON 25,000.00`) })).toBeVisible();
  await expect(dialog.getByTestId("bulk-summary-eta")).toHaveText("Estimated time: about a minute");
  // A double click on Confirm: one batch (the dialog's client id), checked below in the database.
  await dialog.getByRole("button", { name: "Confirm and issue" }).dblclick();
  // Creating 50 requests (each under its registration's lock) takes a few seconds on a busy machine.
  await expect(page).toHaveURL(/\/invoices\/batches\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  const batchId = page.url().split("/").pop()!;

  const bar = page.getByRole("progressbar", { name: "Invoices issued" });
  await expect(bar).toHaveAttribute("aria-valuemax", "50");
  await expect(page.getByText(/^Started by Maria Admin on /)).toBeVisible();
  await expect.poll(() => issuedNow(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);

  await test.step("a reload keeps the progress (it is the batch's, not the page's)", async () => {
    const before = await issuedNow(page);
    await page.reload();
    await expect(bar).toHaveAttribute("aria-valuemax", "50");
    expect(await issuedNow(page)).toBeGreaterThanOrEqual(before);
  });

  await test.step("another staff member finds the run and sees the same batch", async () => {
    const other = await signInSecondStaff(browser, db, school);
    await other.goto("/invoices/batches");
    await other.getByRole("link", { name: "View progress" }).click();
    await expect(other).toHaveURL(new RegExp(`/invoices/batches/${batchId}$`));
    await expect(other.getByRole("progressbar", { name: "Invoices issued" })).toHaveAttribute("aria-valuenow", "50", { timeout: 90_000 });
    await expect(other.getByTestId("batch-state")).toHaveText("Finished");
    await other.context().close();
  });

  await expect(bar).toHaveAttribute("aria-valuenow", "50", { timeout: 90_000 });
  await expect(page.getByTestId("batch-progress-text")).toHaveText("50 of 50 issued");
  for (const key of ["failed", "in-doubt", "pending", "skipped", "cancelled"]) await expect(count(page, key)).toHaveText("0");
  await expect(page.getByRole("button", { name: "Cancel what is still queued" })).toHaveCount(0);
  await expect(page.getByTestId("invoice-status").first()).toHaveText(/^BRS-\d{4}$/);

  // Exactly one SmartBill invoice per registration, and one batch for the double click.
  const batches = await db<{ n: number }[]>`select count(*)::int as n from invoice_batches where org_id = ${school.orgId}`;
  expect(batches[0]!.n).toBe(1);
  const invoices = (await sandbox.control("list-invoices", { cif: school.smartbill.cif, limit: 1000 })) as { isDraft: boolean; number: string; mentions: string | null }[];
  const issued = invoices.filter((i) => !i.isDraft);
  expect(issued).toHaveLength(50);
  expect(new Set(issued.map((i) => i.number)).size).toBe(50);
  for (const ref of school.references) expect(issued.filter((i) => i.mentions?.includes(`Ref. ${ref}`)), ref).toHaveLength(1);

  // Selecting them again: nothing left to invoice.
  await page.goto("/registrations");
  await page.getByRole("checkbox", { name: "Select all registrations on this page" }).check();
  await page.getByRole("button", { name: "Issue invoices" }).click();
  const again = page.getByRole("dialog", { name: "Issue invoices" });
  await expect(again.getByTestId("bulk-summary-count")).toHaveText("No invoices will be issued");
  await expect(again.getByText("25 already invoiced, skipped")).toBeVisible();
  await expect(again.getByRole("button", { name: "Confirm and issue" })).toBeDisabled();
});

test("cancel leaves what is still queued cancelled, and nothing of it reaches SmartBill", async ({ page, browser, db, sandbox }) => {
  const school = await createBulkSchool(page, db, { count: 40, priceBani: 30_000 });
  // Slow SmartBill down (under SLOW_ANSWER_MS, so each create keeps its slot: five at a time, ~36 s in all)
  // so most of the run is still queued when it is cancelled.
  await sandbox.control("add-fault", { account: school.smartbill.email, kind: "latency", path: "/invoice/v2", method: "POST", ms: 4_500, count: 40 });

  await page.goto("/registrations");
  await page.getByRole("checkbox", { name: "Select all registrations on this page" }).check();
  await page.getByRole("button", { name: "Select all 40 matching this filter" }).click();
  await expect(page.getByTestId("selection-count")).toHaveText("All 40 rows matching this filter are selected");
  await page.getByRole("button", { name: "Issue invoices" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue invoices" });
  await expect(dialog.getByTestId("bulk-summary-count")).toHaveText("40 invoices will be issued");
  await dialog.getByRole("button", { name: "Confirm and issue" }).click();
  await expect(page).toHaveURL(/\/invoices\/batches\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  await expect.poll(() => issuedNow(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

  await test.step("the registrations page says a run is going on and links to it", async () => {
    const tab = await page.context().newPage();
    await tab.goto("/registrations");
    await expect(tab.getByTestId("running-batches")).toContainText(/Bulk issue running: \d+\/40/);
    // The banner is live: it counts up without a reload.
    const doneInBanner = async () => Number(/running: (\d+)\//.exec((await tab.getByTestId("running-batches").textContent()) ?? "")?.[1] ?? -1);
    const first = await doneInBanner();
    await expect.poll(doneInBanner, { timeout: 20_000 }).toBeGreaterThan(first);
    await tab.getByTestId("running-batches").getByRole("link", { name: "View progress" }).click();
    await expect(tab).toHaveURL(page.url());
    await tab.close();
  });

  await test.step("an accountant follows the run read-only", async () => {
    const accountant = await signInSecondStaff(browser, db, school, "accountant");
    await accountant.goto(page.url());
    await expect(accountant.getByRole("progressbar", { name: "Invoices issued" })).toHaveAttribute("aria-valuemax", "40");
    await expect(accountant.getByText("You can follow this run; only admins and staff can cancel it.")).toBeVisible();
    await expect(accountant.getByRole("button", { name: "Cancel what is still queued" })).toHaveCount(0);
    await accountant.context().close();
  });

  await page.getByRole("button", { name: "Cancel what is still queued" }).click();
  const confirm = page.getByRole("dialog", { name: "Cancel the queued invoices?" });
  await confirm.getByRole("button", { name: "Cancel queued invoices" }).click();
  await expect(page.getByText(/queued invoices? cancelled\.$/)).toBeVisible();
  await expect(page.getByTestId("batch-state")).toHaveText(/^Cancelled on /);
  await expect(count(page, "pending")).toHaveText("0", { timeout: 30_000 });

  const issued = await issuedNow(page);
  const cancelled = Number(await count(page, "cancelled").textContent());
  expect(issued).toBeLessThan(40);
  expect(cancelled).toBeGreaterThan(0);
  expect(issued + cancelled).toBe(40);
  const rows = await db<{ status: string; n: number }[]>`
    select status, count(*)::int as n from invoice_requests where org_id = ${school.orgId} group by status order by status`;
  expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual({ cancelled, issued });
  // A cancelled request can no longer be claimed for a send (queued → issuing is a conditional update).
  const invoices = (await sandbox.control("list-invoices", { cif: school.smartbill.cif, limit: 1000 })) as { isDraft: boolean }[];
  expect(invoices.filter((i) => !i.isDraft)).toHaveLength(issued);
});
