// Automatic mode: recording a payment that completes an enabled trigger makes one invoice for what is
// paid and not yet invoiced; the badges on the registration page and the table follow it to "issued".
import { expect, test } from "../fixtures/test";
import { createCourse, createRegistration, uniqueSuffix } from "../registrations/helpers";
import { sandboxInvoices, setUpInvoicingSchool } from "./issue-school";

test("a down payment recorded in automatic mode is invoiced on its own, once", async ({ page, sandbox, db }) => {
  const s = uniqueSuffix();
  const own = await setUpInvoicingSchool(page, { name: `Școala Automată ${s}`, mode: "automatic" });
  const course = `Balet ${s}`;
  const participant = `Sara Dinu ${s}`;
  const clientName = `Ioana Dinu ${s}`;
  await createCourse(page, { name: course, price: "1.000", term: `Toamna ${s}`, start: "2027-09-15", end: "2028-01-31" });
  const reference = await createRegistration(page, { clientName, city: "Sector 4", participant, course, downPayment: "300" });
  const section = page.getByTestId("invoices-section");
  await expect(section.getByTestId("invoice-request")).toHaveCount(0);

  await page.getByRole("button", { name: "Record payment" }).click();
  const dialog = page.getByRole("dialog", { name: "Record a payment" });
  await dialog.getByLabel("Amount (lei)").fill("300");
  await dialog.getByRole("button", { name: "Record payment", exact: true }).click();
  await expect(dialog).toBeHidden();

  const request = section.getByTestId("invoice-request");
  await expect(request).toHaveCount(1);
  await expect(request).toHaveAttribute("data-status", "issued", { timeout: 30_000 });
  await expect(request.getByText(/Automatically: down payment paid/)).toBeVisible();
  await expect(request.getByTestId("invoice-number")).toHaveText(/^Invoice BRS-\d+$/);
  const number = (await request.getByTestId("invoice-number").textContent())!.replace("Invoice ", "");

  await page.goto("/registrations");
  const row = page.getByRole("row").filter({ hasText: participant });
  await expect(row.getByTestId("invoice-status")).toHaveText(number);

  const rows = await db<{ kind: string; trigger: string; amount_bani: number; status: string }[]>`
    select q.kind, q.trigger, q.amount_bani, q.status from invoice_requests q join registrations r on r.id = q.registration_id
    where r.reference = ${reference}`;
  expect(rows).toEqual([{ kind: "automatic", trigger: "down_payment_paid", amount_bani: 30_000, status: "issued" }]);
  const invoices = (await sandboxInvoices(sandbox, own.cif)).filter((i) => i.client.name === clientName);
  expect(invoices).toHaveLength(1);
  expect(invoices[0]).toMatchObject({ total: 30_000, number: number.replace("BRS-", "") });
});
