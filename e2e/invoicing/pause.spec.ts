// Package exhausted: SmartBill refuses for the plan's document limit, issuing pauses for the school with
// a banner; queued invoices wait, and continue after the admin's Resume.
import { expect, test } from "../fixtures/test";
import { registerAndPay, sandboxInvoices, setUpIssuingSchool, waitForStatus } from "./inbox-fixtures";

test("package exhausted pauses issuing with a banner; Resume sends the waiting invoices", async ({ page, sandbox, db }) => {
  test.setTimeout(120_000);
  const s = await setUpIssuingSchool(page, sandbox, db);
  await sandbox.control("set-quota", { cif: s.acc.cif, remaining: 0 });

  const first = await registerAndPay(page, s, `Ana Pause ${s.suffix}`);
  await expect.poll(async () => (await db`select 1 from invoicing_pauses where org_id = ${s.orgId}`).length, { timeout: 30_000 }).toBe(1);
  const second = await registerAndPay(page, s, `Radu Pause ${s.suffix}`);
  await waitForStatus(db, s.orgId, first, "queued");
  await waitForStatus(db, s.orgId, second, "queued");

  await page.goto("/registrations");
  const banner = page.getByTestId("invoicing-paused");
  await expect(banner).toContainText("Your SmartBill plan has run out of documents: issuing is paused, 2 invoices wait.");
  await expect(banner).toContainText("SmartBill said:");
  expect(await sandboxInvoices(sandbox, s.acc.cif)).toHaveLength(0);

  // The plan is upgraded in SmartBill; the admin resumes.
  await sandbox.control("set-quota", { cif: s.acc.cif, remaining: null });
  await banner.getByRole("button", { name: "Resume" }).click();
  const dialog = page.getByRole("dialog", { name: "Resume issuing?" });
  await expect(dialog).toContainText("If the plan still has no documents left, issuing pauses again.");
  await dialog.getByRole("button", { name: "Resume" }).click();
  await expect(banner).toHaveCount(0);

  await waitForStatus(db, s.orgId, first, "issued");
  await waitForStatus(db, s.orgId, second, "issued");
  expect(await sandboxInvoices(sandbox, s.acc.cif)).toHaveLength(2);
});

test("staff see the pause banner without Resume, and are told to ask an admin", async ({ asStaff, db }) => {
  const [org] = await db<{ id: string }[]>`select id from organisations where name = 'Școala Demo'`;
  await db`insert into invoicing_pauses (org_id, reason, detail) values (${org!.id}, 'package_exhausted', 'Pachet epuizat') on conflict do nothing`;
  try {
    await asStaff.goto("/registrations");
    const banner = asStaff.getByTestId("invoicing-paused");
    await expect(banner).toContainText("Your SmartBill plan has run out of documents: issuing is paused");
    await expect(banner).toContainText("Ask an admin of the school to resume issuing");
    await expect(banner.getByRole("button", { name: "Resume" })).toHaveCount(0);
  } finally {
    await db`delete from invoicing_pauses where org_id = ${org!.id}`;
  }
});
