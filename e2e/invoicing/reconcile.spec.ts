// The reconcile view: an in-doubt invoice whose documents Bursar could not prove either way waits for a
// person, with the request's mark, what Bursar read (one row per candidate document) and the verdict.
// The page reads only the database; "Check again", "Link" (only a document with the mark) and "Not
// created" (only after the grace period, when no document carries the mark) ask SmartBill.
import { expect, test } from "../fixtures/test";
import { registerAndPay, requestOf, sandboxInvoices, setUpIssuingSchool, waitForStatus } from "./inbox-fixtures";

test("a person links one in-doubt invoice by its mark and issues another again", async ({ page, sandbox, db }) => {
  test.setTimeout(180_000);
  const s = await setUpIssuingSchool(page, sandbox, db);
  const bumpSeries = (nextNumber: number) => sandbox.control("upsert-series", { cif: s.acc.cif, name: "FB", type: "f", nextNumber, padWidth: 4 });
  const markOf = async (id: string) => (await db<{ mark: string }[]>`select mark from invoice_requests where id = ${id}`)[0]!.mark;
  // The worker reconciles once the grace period is over (create timeout + 10 s in the e2e server) and stores what it read.
  const waitForVerdict = (id: string, verdict: string) =>
    expect
      .poll(async () => (await db<{ verdict: string | null }[]>`select evidence->>'verdict' as verdict from invoice_requests where id = ${id}`)[0]?.verdict, { timeout: 60_000, intervals: [500, 1000] })
      .toBe(verdict);

  await test.step("stored by SmartBill, answer lost, its PDF unreadable: Check again, then Link by the mark", async () => {
    // SmartBill stores the invoice (with the mark) but answers after Bursar gave up (SMARTBILL_CREATE_TIMEOUT_MS).
    await sandbox.control("add-fault", { account: s.acc.email, kind: "timeout_after_store", path: "/invoice/v2", ms: 30_000 });
    const participant = `Ana Link ${s.suffix}`;
    const registrationId = await registerAndPay(page, s, participant);
    await expect.poll(async () => (await sandboxInvoices(sandbox, s.acc.cif)).length, { timeout: 30_000 }).toBe(1);
    // Someone else took FB-0002 in SmartBill's own UI, and SmartBill cannot give any PDF for now.
    await bumpSeries(3);
    // A 502 (what SmartBill answers for a number it has no document for): not something that passes by itself.
    await sandbox.control("add-fault", { account: s.acc.email, kind: "status", path: "/invoice/pdf", status: 502, body: "<html><body>502 Bad Gateway</body></html>", contentType: "text/html", count: 100 });
    const req = await waitForStatus(db, s.orgId, registrationId, "in_doubt");
    expect(req.expectedNumber).toBe("1");
    const mark = await markOf(req.id);
    await waitForVerdict(req.id, "unreadable");

    await page.goto("/invoices");
    await page.getByRole("link", { name: "To reconcile (1)" }).click();
    await expect(page.getByText(/What the mark proves resolves itself/)).toBeVisible();
    const card = page.getByTestId("reconcile-case").filter({ hasText: participant });
    await expect(card.getByTestId("mark")).toHaveText(`Ref. Bursar ${mark}`);
    await expect(card.getByTestId("first-number")).toHaveText("FB-0001");
    await expect(card.getByTestId("next-number")).toHaveText("FB-0003");
    const read = card.getByRole("table", { name: `What Bursar read for ${participant}'s invoice` });
    await expect(read.getByRole("row")).toHaveCount(3);
    await expect(read.getByRole("row", { name: /FB-0001/ })).toContainText("Could not be read");
    await expect(read.getByRole("row", { name: /FB-0002/ })).toContainText("Could not be read");
    await expect(card.getByTestId("verdict")).toHaveText(/2 documents could not be read, so Bursar cannot tell whether SmartBill created this invoice/);
    await expect(card.getByRole("button", { name: "Not created: issue again" })).toBeVisible();

    // Still unreadable: the check says so and the case stays.
    await card.getByRole("button", { name: "Check again" }).click();
    await expect(card).toContainText("Checked: what Bursar read is shown below.");

    // SmartBill gives PDFs again. No document is known to carry the mark yet: Link has no number to suggest.
    await sandbox.control("clear-faults", { account: s.acc.email });
    await card.getByRole("button", { name: "Link an invoice" }).click();
    const dialog = page.getByRole("dialog", { name: "Link this registration's invoice to a SmartBill invoice" });
    await expect(dialog).toContainText(`links it only if it carries this request's mark, Ref. Bursar ${mark}`);
    await expect(dialog.getByLabel("Number in series FB")).toHaveValue("");
    // A number SmartBill does not have is refused, and nothing changes.
    await dialog.getByLabel("Number in series FB").fill("0002");
    await dialog.getByRole("button", { name: "Read and link" }).click();
    await expect(dialog).toContainText("SmartBill has no invoice with this series and number.");
    await dialog.getByLabel("Number in series FB").fill("0001");
    await dialog.getByRole("button", { name: "Read and link" }).click();
    await expect(page.getByText("Linked to FB-0001.")).toBeVisible();
    await expect(card).toHaveCount(0);
    expect(await requestOf(db, s.orgId, registrationId)).toMatchObject({ status: "issued", issuedNumber: "0001" });
    expect(await sandboxInvoices(sandbox, s.acc.cif)).toHaveLength(1);
  });

  await test.step("an error answer, then the series moved past numbers SmartBill does not have: Not created, issue again", async () => {
    await sandbox.control("add-fault", { account: s.acc.email, kind: "html_500", path: "/invoice/v2" });
    const participant = `Radu Again ${s.suffix}`;
    const registrationId = await registerAndPay(page, s, participant);
    const req = await waitForStatus(db, s.orgId, registrationId, "in_doubt");
    // Numbers 3 to 7 skipped in SmartBill before anyone looked: none of them can be read.
    await bumpSeries(8);
    await waitForVerdict(req.id, "unreadable");

    await page.goto("/invoices/reconcile");
    const card = page.getByTestId("reconcile-case").filter({ hasText: participant });
    await expect(card.getByTestId("first-number")).toHaveText("FB-0003");
    await expect(card.getByTestId("next-number")).toHaveText("FB-0008");
    await expect(card.getByRole("row", { name: /FB-0007/ })).toContainText("Could not be read");
    await card.getByRole("button", { name: "Not created: issue again" }).click();
    const dialog = page.getByRole("dialog", { name: "Issue this invoice again?" });
    await expect(dialog).toContainText("if none carries this request's mark, it sends the invoice again");
    await expect(dialog).toContainText("5 documents could not be read at the last check (FB-0003, FB-0004, FB-0005, FB-0006, FB-0007)");
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
