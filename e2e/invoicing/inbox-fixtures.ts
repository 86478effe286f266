// A brand-new school that issues invoices automatically against a sandbox account of its own, for the
// failed / reconcile / pause specs. The admin signs up and connects through the UI; the billing profile
// and automatic mode are written straight to the database (the wizard has its own spec); registrations
// and payments go through the UI.
import { expect, type Page } from "@playwright/test";
import type postgres from "postgres";
import { createCourse, createRegistration, uniqueSuffix } from "../registrations/helpers";
import { fillCredentials, signUpNewSchool } from "../fixtures/school";
import type { SandboxAccount } from "../fixtures/sandbox";
import type { SandboxControl } from "../fixtures/test";

export interface InboxSchool {
  orgId: string;
  acc: SandboxAccount;
  course: string;
  suffix: string;
}

export async function setUpIssuingSchool(page: Page, sandbox: SandboxControl, db: postgres.Sql): Promise<InboxSchool> {
  const acc = await sandbox.newAccount();
  await signUpNewSchool(page, "Școala Inbox");
  await fillCredentials(page, acc);
  await expect(page.getByText(/Connected to SmartBill as/)).toBeVisible();
  const [conn] = await db<{ orgId: string }[]>`select org_id as "orgId" from smartbill_connections where username = ${acc.email}`;
  const orgId = conn!.orgId;
  await db`
    insert into billing_profiles (org_id, is_default, company_name, cif, series_name, default_vat_name, default_vat_percentage)
    values (${orgId}, true, 'Școala Inbox SRL', ${acc.cif}, 'FB', 'Normala', 21)`;
  await db`
    insert into billing_settings (org_id, generation_mode, trigger_debt_cleared, trigger_down_payment, vat_mode)
    values (${orgId}, 'automatic', true, false, 'payer_included')
    on conflict (org_id) do update set generation_mode = 'automatic', trigger_debt_cleared = true, trigger_down_payment = false`;
  const suffix = uniqueSuffix();
  const course = `Pian ${suffix}`;
  await createCourse(page, { name: course, price: "500,00", term: `Toamna ${suffix}`, start: "2026-09-15", end: "2027-01-31" });
  return { orgId, acc, course, suffix };
}

/** A registration whose full price is then paid by hand: in automatic mode that queues its invoice. */
export async function registerAndPay(page: Page, s: InboxSchool, participant: string): Promise<string> {
  await createRegistration(page, { clientName: `Părinte ${participant}`, city: "Sector 3", participant, course: s.course });
  const registrationId = page.url().split("/").pop()!;
  await page.getByRole("button", { name: "Record payment" }).click();
  const pay = page.getByRole("dialog", { name: "Record a payment" });
  await pay.getByRole("button", { name: "Record payment" }).click();
  await expect(pay).toBeHidden();
  return registrationId;
}

export async function requestOf(db: postgres.Sql, orgId: string, registrationId: string) {
  const [r] = await db<{ id: string; status: string; issuedNumber: string | null; expectedNumber: string | null }[]>`
    select id, status, issued_number as "issuedNumber", expected_number as "expectedNumber" from invoice_requests
    where org_id = ${orgId} and registration_id = ${registrationId} order by created_at desc limit 1`;
  return r ?? null;
}

/** Waits until the registration's latest invoice request reaches `status` (the worker runs in the app). */
export async function waitForStatus(db: postgres.Sql, orgId: string, registrationId: string, status: string, timeout = 30_000) {
  await expect.poll(async () => (await requestOf(db, orgId, registrationId))?.status, { timeout, intervals: [250, 500, 1000] }).toBe(status);
  return (await requestOf(db, orgId, registrationId))!;
}

export async function sandboxInvoices(sandbox: SandboxControl, cif: string) {
  const all = (await sandbox.control("list-invoices", { cif })) as { isDraft: boolean; number: string | null; seriesName: string; total: number }[];
  return all.filter((i) => !i.isDraft);
}
