// An invoice SmartBill holds that no request owns (a late answer for a claim that had moved on, recorded by
// the engine as an alarm — lib/invoicing/engine/proof.test.ts provokes one for real): the sidebar counts
// it, /invoices/reconcile shows it at the top in red with its registration, and a person resolves it with
// a note, which the audit keeps.
import { expect, test } from "../fixtures/test";
import { registerAndPay, setUpIssuingSchool, waitForStatus } from "./inbox-fixtures";

test("an extra SmartBill invoice is shown above the cases, counted on the sidebar, and resolved with a note", async ({ page, sandbox, db }) => {
  const s = await setUpIssuingSchool(page, sandbox, db);
  const participant = `Ana Alarm ${s.suffix}`;
  const registrationId = await registerAndPay(page, s, participant);
  const issued = await waitForStatus(db, s.orgId, registrationId, "issued");
  const extra = String(Number(issued.issuedNumber) + 1).padStart(issued.issuedNumber!.length, "0");
  await db`
    insert into invoice_alarms (org_id, kind, request_id, company_cif, series_name, number)
    values (${s.orgId}, 'late_answer', ${issued.id}, ${s.acc.cif}, 'FB', ${extra})`;

  await page.goto("/invoices");
  await expect(page.getByTestId("nav-badge").first()).toContainText("1");
  await page.goto("/invoices/reconcile");
  const alarms = page.getByTestId("alarms");
  await expect(alarms.getByRole("heading", { name: "SmartBill invoices that need a storno" })).toBeVisible();
  await expect(alarms).toContainText(`FB-${extra}`);
  await expect(alarms).toContainText("Late answer");
  await expect(alarms.getByRole("link", { name: new RegExp(participant) })).toHaveAttribute("href", `/registrations/${registrationId}`);

  await alarms.getByRole("button", { name: `Mark invoice FB-${extra} resolved: I handled it in SmartBill` }).click();
  const dialog = page.getByRole("dialog", { name: `Mark FB-${extra} resolved?` });
  await dialog.getByLabel("Note (optional)").fill(`storno FB-${extra}`);
  await dialog.getByRole("button", { name: "Mark resolved" }).click();
  await expect(page.getByText(`FB-${extra} marked resolved.`)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("alarms")).toHaveCount(0);
  await expect(page.getByTestId("nav-badge")).toHaveCount(0);
  const [row] = await db<{ resolved: boolean; note: string | null }[]>`
    select a.resolved_at is not null as resolved,
           (select details->>'note' from audit_log l where l.org_id = a.org_id and l.action = 'invoice.alarm_resolved' order by l.created_at desc limit 1) as note
    from invoice_alarms a where a.org_id = ${s.orgId}`;
  expect(row).toEqual({ resolved: true, note: `storno FB-${extra}` });
});
