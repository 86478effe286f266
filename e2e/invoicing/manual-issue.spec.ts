// Manual issue with a preview, in Chromium against the built-in SmartBill sandbox and the app's own
// workers: the preview shows what SmartBill receives, a double-clicked Confirm makes ONE invoice, the
// badge follows the request to "issued" with SmartBill's series-number.
import { expect, test } from "../fixtures/test";
import { createCourse, createRegistration, uniqueSuffix } from "../registrations/helpers";
import { sandboxInvoices, setUpInvoicingSchool } from "./issue-school";

test("staff preview an invoice, double-click Confirm, and get exactly one SmartBill invoice with its number on the badge", async ({ page, sandbox, db }) => {
  const s = uniqueSuffix();
  const school = `Școala Manuală ${s}`;
  const own = await setUpInvoicingSchool(page, { name: school, mode: "manual" });
  const course = `Pian ${s}`;
  const participant = `Ilinca Pop ${s}`;
  const clientName = `Mara Pop ${s}`;
  await createCourse(page, { name: course, price: "1.210,00", term: `Toamna ${s}`, start: "2027-09-15", end: "2028-01-31" });
  const reference = await createRegistration(page, { clientName, city: "Sector 3", participant, course });
  const registrationId = (await db<{ id: string }[]>`select id from registrations where reference = ${reference}`)[0]!.id;

  await page.goto("/registrations");
  const row = page.getByRole("row").filter({ hasText: participant });
  await expect(row.getByText("Not invoiced")).toBeAttached();
  await row.getByRole("button", { name: `Issue invoice for ${reference} (${participant})` }).click();
  const dialog = page.getByRole("dialog", { name: "Issue an invoice" });

  await test.step("the preview shows exactly what SmartBill will receive", async () => {
    const preview = dialog.getByTestId("invoice-preview");
    await expect(preview.getByTestId("preview-buyer-name")).toHaveText(clientName);
    await expect(preview.getByText("Buyer · Person")).toBeVisible();
    await expect(preview.getByRole("cell", { name: `${course} — ${participant}` })).toBeVisible();
    await expect(preview.getByTestId("preview-vat")).toHaveText("Normala 21% (included in the price)");
    await expect(preview.getByTestId("preview-net")).toHaveText("RON 1,000.00");
    await expect(preview.getByTestId("preview-vat-amount")).toHaveText("RON 210.00");
    await expect(preview.getByTestId("preview-total")).toHaveText("RON 1,210.00");
    await expect(preview.getByTestId("preview-series")).toHaveText("BRS");
    // Printed in the mentions: the registration's reference, then the request's mark (given on confirm).
    await expect(preview.getByTestId("preview-mentions")).toContainText(/Ref\. \w+ · Ref\. Bursar …/);
    await expect(preview.getByTestId("preview-next-number")).toHaveText(/^\d+$/);
    await expect(dialog.getByLabel("Amount to invoice (lei)")).toHaveValue("1210,00");
    await expect(dialog.getByText("Left to invoice: RON 1,210.00")).toBeVisible();
  });

  const next = Number(await dialog.getByTestId("preview-next-number").textContent());

  await test.step("a smaller amount refreshes the preview, as SmartBill will compute it", async () => {
    await dialog.getByLabel("Amount to invoice (lei)").fill("605,00");
    await expect(dialog.getByTestId("preview-total")).toHaveText("RON 605.00");
    await expect(dialog.getByTestId("preview-net")).toHaveText("RON 500.00");
    await expect(dialog.getByTestId("preview-vat-amount")).toHaveText("RON 105.00");
    await dialog.getByLabel("Amount to invoice (lei)").fill("2.000");
    await expect(dialog.getByText("The amount is more than what is left to invoice on this registration.")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Issue invoice" })).toBeDisabled();
    await dialog.getByLabel("Amount to invoice (lei)").fill("605,00");
    await expect(dialog.getByRole("button", { name: "Issue invoice" })).toBeEnabled();
  });

  await test.step("a double click on Confirm makes one request and one SmartBill invoice", async () => {
    await dialog.getByRole("button", { name: "Issue invoice" }).dblclick();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Invoice for ${reference} sent to SmartBill.`)).toBeVisible();
    const badge = row.getByTestId("invoice-status");
    await expect(badge).toHaveAttribute("data-status", "issued", { timeout: 30_000 });
    await expect(badge).toHaveText(new RegExp(`^BRS-0*${next}$`));
    const requests = await db<{ status: string; amount_bani: number; kind: string }[]>`
      select status, amount_bani, kind from invoice_requests where registration_id = ${registrationId}`;
    expect(requests).toEqual([{ status: "issued", amount_bani: 60_500, kind: "manual" }]);
    const invoices = (await sandboxInvoices(sandbox, own.cif)).filter((i) => i.client.name === clientName);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ seriesName: "BRS", total: 60_500 });
    expect(Number(invoices[0]!.number)).toBe(next);
  });

  await test.step("the registration page issues the rest and lists both invoices with their attempts", async () => {
    await row.getByRole("link", { name: reference }).click();
    await expect(page).toHaveURL(new RegExp(`/registrations/${registrationId}$`));
    const section = page.getByTestId("invoices-section");
    await expect(section.getByTestId("invoice-request")).toHaveCount(1);
    await expect(section.getByText("Changes and deletions are made in SmartBill and are not synced back to Bursar.")).toBeVisible();
    await section.getByRole("button", { name: "Issue invoice" }).click();
    const again = page.getByRole("dialog", { name: "Issue an invoice" });
    await expect(again.getByLabel("Amount to invoice (lei)")).toHaveValue("605,00");
    await expect(again.getByTestId("preview-next-number")).toHaveText(new RegExp(`^0*${next + 1}$`));
    await again.getByRole("button", { name: "Issue invoice" }).click();
    await expect(again).toBeHidden();
    await expect(section.locator('[data-testid="invoice-request"][data-status="issued"]')).toHaveCount(2, { timeout: 30_000 });
    await expect(section.getByRole("button", { name: "Issue invoice" })).toHaveCount(0);
    await expect(section.getByText(new RegExp(`Invoice BRS-0*${next + 1}`))).toBeVisible();
    const timeline = page.getByTestId("timeline");
    await expect(timeline.getByText("Invoice attempt: issued")).toHaveCount(2);
    await timeline.getByText("What was sent and SmartBill's answer").first().click();
    await expect(timeline.getByText('"seriesName": "BRS"').first()).toBeVisible();
    expect((await sandboxInvoices(sandbox, own.cif)).filter((i) => i.client.name === clientName)).toHaveLength(2);
  });
});

test("on a phone the dialog fits the screen and works from the keyboard", async ({ page }) => {
  const s = uniqueSuffix();
  const school = `Școala Telefon ${s}`;
  await setUpInvoicingSchool(page, { name: school, mode: "manual" });
  const course = `Chitară ${s}`;
  const participant = `Radu Ene ${s}`;
  await createCourse(page, { name: course, price: "500", term: `Toamna ${s}`, start: "2027-09-15", end: "2028-01-31" });
  await createRegistration(page, { clientName: `Ana Ene ${s}`, city: "Sector 1", participant, course });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await page.getByTestId("invoices-section").getByRole("button", { name: "Issue invoice" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue an invoice" });
  const amount = dialog.getByLabel("Amount to invoice (lei)");
  await expect(amount).toBeFocused();
  await expect(dialog.getByTestId("preview-total")).toHaveText("RON 500.00");
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("invoices-section").getByText("No invoices yet.")).toBeVisible();
});

test("a refused invoice shows as failed, with what to do and SmartBill's own text, and can be issued again", async ({ page, sandbox }) => {
  const s = uniqueSuffix();
  const own = await setUpInvoicingSchool(page, { name: `Școala Refuz ${s}`, mode: "manual" });
  const course = `Vioară ${s}`;
  const participant = `Toma Ilie ${s}`;
  await createCourse(page, { name: course, price: "800", term: `Toamna ${s}`, start: "2027-09-15", end: "2028-01-31" });
  const reference = await createRegistration(page, { clientName: `Dana Ilie ${s}`, city: "Sector 2", participant, course });
  // A definite refusal (a 400 with SmartBill's text): nothing was created, so it fails at once (no reconcile).
  await sandbox.control("add-fault", { account: own.email, kind: "status", path: "/invoice/v2", method: "POST", status: 400, body: { errorText: "Eroare simulata de sandbox." } });

  await page.goto("/registrations");
  const row = page.getByRole("row").filter({ hasText: participant });
  await row.getByRole("button", { name: `Issue invoice for ${reference} (${participant})` }).click();
  const dialog = page.getByRole("dialog", { name: "Issue an invoice" });
  await expect(dialog.getByTestId("preview-total")).toHaveText("RON 800.00");
  await dialog.getByRole("button", { name: "Issue invoice" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("invoice-status")).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(row.getByTestId("invoice-status")).toHaveText("Failed");
  // Nothing was invoiced: the row offers Issue again.
  await expect(row.getByRole("button", { name: `Issue invoice for ${reference} (${participant})` })).toBeVisible();

  await row.getByRole("link", { name: reference }).click();
  const failure = page.getByTestId("invoices-section").getByTestId("invoice-failure");
  await expect(failure).toContainText("SmartBill refused the invoice with a message Bursar does not recognise");
  await expect(failure).toContainText("Eroare simulata de sandbox.");
  await expect(failure.getByRole("link", { name: "Failed invoices" })).toHaveAttribute("href", "/invoices/failed");
  await expect(page.getByTestId("timeline").getByText("Invoice attempt: refused by SmartBill")).toBeVisible();
  await expect(page.getByTestId("invoices-section").getByRole("button", { name: "Issue invoice" })).toBeVisible();
});
