// The accountants' invoice list on the demo school (24 invoices issued by the seed, one failed): badges
// and series-numbers, filters in the URL (Back restores them), totals by VAT level, the PDF through the
// server and the CSV register of the filter; and a phone's width.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";

const countOf = async (page: Page) => Number((await page.getByTestId("invoices-count").textContent())!.match(/\d+/)?.[0] ?? 0);
const bodyRows = (page: Page) => page.locator("table").first().locator("tbody tr");

test("the accountant sees the month's issued invoices with badges, totals, the PDF and the CSV register", async ({ asAccountant: page }) => {
  await page.goto("/invoices");
  await expect(page.getByTestId("invoices-count")).toContainText("invoices");
  const total = await countOf(page);
  expect(total).toBeGreaterThanOrEqual(24);
  await expect(bodyRows(page)).toHaveCount(Math.min(total, 25));

  // Newest first; each row issued, with its SmartBill series-number.
  const first = bodyRows(page).first();
  await expect(first.getByTestId("invoice-number")).toHaveText(/^BRSC?-\d{4}$/);
  await expect(first.getByTestId("invoice-status").filter({ visible: true })).toHaveText("Issued");
  await expect(page.getByTestId("invoice-status").filter({ hasNotText: "Issued" })).toHaveCount(0);
  // Accountants may open the registration (read-only).
  await expect(first.getByRole("link", { name: /^[A-Z0-9-]+$/ })).toHaveAttribute("href", /^\/registrations\/[0-9a-f-]{36}$/);

  // Totals by VAT level, the grand total counting every issued invoice of the filter.
  const totals = page.getByTestId("vat-totals");
  await expect(totals.getByRole("heading", { name: "Totals by VAT level" })).toBeVisible();
  await expect(totals.getByTestId("vat-total-row").first()).toContainText("Normala 21%");
  await expect(totals.getByTestId("vat-grand-total")).toContainText(`Grand total${total}`);
  await expect(totals).toContainText("Changes and deletions are made in SmartBill and are not synced back to Bursar.");

  // The PDF comes from SmartBill through the server.
  const number = (await first.getByTestId("invoice-number").textContent())!;
  const pdfLink = first.getByRole("link", { name: `PDF of invoice ${number}` });
  const href = (await pdfLink.getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/invoices\/[0-9a-f-]{36}\/pdf$/);
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toBe(`inline; filename="factura${number.replace("-", "")}.pdf"`);
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // "Export CSV" downloads the register of this filter: the header, then one row per issued invoice.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await readFile((await (await download).path())!);
  expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = file.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("Date;Series;Number;Client;Client CIF;Registration;Participant;VAT name;VAT %;Net;VAT;Total");
  expect(lines).toHaveLength(total + 1);
  expect(lines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2};BRSC?;\d{4};/.test(l))).toBe(true);
  expect(lines.some((l) => l.includes(`;${number.split("-")[1]};`))).toBe(true);

  // The registration's page links the same PDF and says where changes are made.
  await first.getByRole("link", { name: /^[A-Z0-9-]+$/ }).click();
  await expect(page).toHaveURL(/\/registrations\/[0-9a-f-]{36}$/);
  const section = page.getByTestId("invoices-section");
  await expect(section.getByRole("link", { name: `PDF of invoice ${number}` })).toHaveAttribute("href", href);
  await expect(section).toContainText("Changes and deletions are made in SmartBill and are not synced back to Bursar.");
});

test("a filter change goes to the URL, and Back restores the list as it was", async ({ asAccountant: page }) => {
  await page.goto("/invoices");
  const issued = await countOf(page);
  expect(issued).toBeGreaterThan(0);

  await page.getByRole("combobox", { name: "Status" }).selectOption("failed");
  await expect(page).toHaveURL(/[?&]status=failed\b/);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("failed");
  await expect(page.getByTestId("invoice-status").filter({ hasNotText: "Failed" })).toHaveCount(0);
  await expect(page.getByTestId("vat-totals")).toContainText("No issued invoices in this filter.");
  // The export link carries the filter.
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /status=failed/);

  // A month with no invoices: the no-results state.
  await page.getByLabel("Issued from").fill("2020-01-01");
  await expect(page).toHaveURL(/[?&]from=2020-01-01\b/);
  await page.getByLabel("Issued until").fill("2020-01-31");
  await expect(page).toHaveURL(/[?&]to=2020-01-31\b/);
  await expect(page.getByText("No invoice matches this filter")).toBeVisible();

  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/[?&]status=failed\b/);
  await expect(page).not.toHaveURL(/from=/);
  await page.goBack();
  await expect(page).not.toHaveURL(/status=/);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("issued");
  await expect(page.getByTestId("invoices-count")).toHaveText(`${issued} invoices`);
});

test("on a phone the list fits the screen and keeps the number, total and PDF", async ({ asAccountant: page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/invoices");
  const first = bodyRows(page).first();
  await expect(first.getByTestId("invoice-number")).toBeVisible();
  // Date, status and registration sit under the number; the total beside it.
  await expect(first.getByTestId("invoice-status").filter({ visible: true })).toHaveText("Issued");
  await expect(first.getByRole("link", { name: /^[A-Z0-9-]+$/ })).toBeVisible();
  await expect(first.getByText(/^RON\s[\d,]+\.\d{2}$/).filter({ visible: true })).toBeVisible();
  await expect(first.getByRole("link", { name: /^PDF of invoice/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeInViewport();
  // The page itself never scrolls sideways (a wide table scrolls inside its own box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const box = (await first.getByRole("link", { name: /^PDF of invoice/ }).boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);
});
