// The reconcile view: in-doubt invoices Bursar cannot prove either way wait for a person, with the
// number expected, the series' next number now and the candidate's total. "Link" makes the request that
// invoice; "Not created" sends it again, once.
import { expect, test } from "../fixtures/test";
import { registerAndPay, requestOf, sandboxInvoices, setUpIssuingSchool, waitForStatus } from "./inbox-fixtures";

test("a person links one in-doubt invoice and issues another again", async ({ page, sandbox, db }) => {
  test.setTimeout(120_000);
  const s = await setUpIssuingSchool(page, sandbox, db);
  const bumpSeries = (nextNumber: number) => sandbox.control("upsert-series", { cif: s.acc.cif, name: "FB", type: "f", nextNumber, padWidth: 4 });

  await test.step("stored by SmartBill, answer lost, and someone else issued into the series: Link", async () => {
    // SmartBill stores the invoice but answers after Bursar gave up (SMARTBILL_CREATE_TIMEOUT_MS in the e2e server).
    await sandbox.control("add-fault", { account: s.acc.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 30_000 });
    const participant = `Ana Link ${s.suffix}`;
    const registrationId = await registerAndPay(page, s, participant);
    await expect.poll(async () => (await sandboxInvoices(sandbox, s.acc.cif)).length, { timeout: 30_000 }).toBe(1);
    // FB-0002 issued in SmartBill's own UI meanwhile: the series moved by two, nothing is provable.
    await bumpSeries(3);
    const req = await waitForStatus(db, s.orgId, registrationId, "in_doubt");
    expect(req.expectedNumber).toBe("1");

    await page.goto("/invoices");
    await page.getByRole("link", { name: "To reconcile (1)" }).click();
    await expect(page.getByText(/Cases that can be proved resolve themselves/)).toBeVisible();
    const card = page.getByTestId("reconcile-case").filter({ hasText: participant });
    await expect(card.getByTestId("expected-number")).toHaveText("FB-0001");
    await expect(card.getByTestId("next-number-now")).toHaveText("3");
    await expect(card.getByTestId("candidate")).toHaveText(/total RON\s500\.00 — the same total as this invoice/);

    await card.getByRole("button", { name: "Link FB-0001" }).click();
    const dialog = page.getByRole("dialog", { name: "Link this registration's invoice to a SmartBill invoice" });
    await expect(dialog).toContainText("nothing is sent again");
    await expect(dialog.getByLabel("Number in series FB")).toHaveValue("0001");
    // A number SmartBill does not have is refused, and nothing changes.
    await dialog.getByLabel("Number in series FB").fill("0002");
    await dialog.getByRole("button", { name: "Check and link" }).click();
    await expect(dialog).toContainText("SmartBill has no invoice with this series and number.");
    await dialog.getByLabel("Number in series FB").fill("0001");
    await dialog.getByRole("button", { name: "Check and link" }).click();
    await expect(page.getByText(/Linked to FB-0001 \(total RON\s500\.00\)\./)).toBeVisible();
    await expect(card).toHaveCount(0);
    expect(await requestOf(db, s.orgId, registrationId)).toMatchObject({ status: "issued", issuedNumber: "0001" });
    expect(await sandboxInvoices(sandbox, s.acc.cif)).toHaveLength(1);
  });

  await test.step("an error answer, then the series moved: Not created, issue again", async () => {
    await sandbox.control("add-fault", { account: s.acc.email, kind: "html_500", path: "/invoice/v2" });
    const participant = `Radu Again ${s.suffix}`;
    const registrationId = await registerAndPay(page, s, participant);
    await waitForStatus(db, s.orgId, registrationId, "in_doubt");
    // Others issued several invoices in SmartBill before anyone looked: not provable either way.
    await bumpSeries(8);

    await page.goto("/invoices/reconcile");
    const card = page.getByTestId("reconcile-case").filter({ hasText: participant });
    await expect(card.getByTestId("next-number-now")).toHaveText("8");
    await card.getByRole("button", { name: "Not created: issue again" }).click();
    const dialog = page.getByRole("dialog", { name: "Issue this invoice again?" });
    await expect(dialog).toContainText("If SmartBill did create it, this makes a second invoice.");
    await dialog.getByRole("button", { name: "Issue again" }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Nothing to reconcile" })).toBeVisible();

    const issued = await waitForStatus(db, s.orgId, registrationId, "issued");
    const invoices = await sandboxInvoices(sandbox, s.acc.cif);
    expect(invoices).toHaveLength(2);
    expect(invoices.filter((i) => i.number === issued.issuedNumber)).toHaveLength(1);
  });
});
