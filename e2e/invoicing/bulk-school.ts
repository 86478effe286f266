import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import type postgres from "postgres";
import { signIn, uniqueEmail } from "../fixtures/auth";
import { connectOwnSandbox } from "../fixtures/own-sandbox";
import { signUpNewSchool } from "../fixtures/school";

// A school of its own that can issue against the built-in sandbox, for the bulk issue specs: signed up
// and connected through the UI ("Use the sandbox": its own SmartBill account, series BRS, VAT Normala);
// the billing profile, a course and `count` registrations are written to the database directly (their
// screens have specs of their own, and 50 registrations through the form would take minutes).
export interface BulkSchool {
  orgId: string;
  name: string;
  admin: { email: string; password: string };
  /** The school's SmartBill sandbox login and company. */
  smartbill: { email: string; cif: string };
  /** References of the registrations, in creation order. */
  references: string[];
}

export async function createBulkSchool(page: Page, db: postgres.Sql, opts: { count: number; priceBani: number }): Promise<BulkSchool> {
  const name = `Școala Bulk ${crypto.randomBytes(3).toString("hex")}`;
  const admin = await signUpNewSchool(page, name);
  const smartbill = await connectOwnSandbox(page);
  const [org] = await db<{ id: string; userId: string }[]>`
    select o.id, m.user_id as "userId" from organisations o join memberships m on m.org_id = o.id where o.name = ${name}`;
  const orgId = org!.id;
  await db`insert into billing_profiles (org_id, is_default, company_name, cif, city, series_name, default_vat_name, default_vat_percentage)
    values (${orgId}, true, ${name}, ${smartbill.cif}, 'București', 'BRS', 'Normala', 21)`;
  await db`insert into billing_settings (org_id, generation_mode, vat_mode) values (${orgId}, 'manual', 'payer_included')
    on conflict (org_id) do update set generation_mode = 'manual', vat_mode = 'payer_included'`;
  const [course] = await db<{ id: string }[]>`insert into courses (org_id, name, price_bani, term_name, term_start, term_end)
    values (${orgId}, 'Robotică', ${opts.priceBani}, 'Toamna 2026', '2026-09-15', '2027-01-31') returning id`;
  const [client] = await db<{ id: string }[]>`insert into clients (org_id, buyer_type, name, city, county, country)
    values (${orgId}, 'person', 'Elena Marinescu', 'Sector 2', 'București', 'Romania') returning id`;
  const references = Array.from({ length: opts.count }, (_, i) => `BLK${String(i + 1).padStart(3, "0")}`);
  for (const [i, reference] of references.entries()) {
    await db`insert into registrations (org_id, client_id, course_id, participant_name, client_name, course_name, reference, price_bani, created_by, created_at)
      values (${orgId}, ${client!.id}, ${course!.id}, ${`Copil ${i + 1}`}, 'Elena Marinescu', 'Robotică', ${reference}, ${opts.priceBani}, ${org!.userId},
        now() - make_interval(secs => ${opts.count - i}))`;
  }
  return { orgId, name, admin, smartbill, references };
}

/** Another member of the school (staff by default), signed in on a browser context of their own. */
export async function signInSecondStaff(browser: Browser, db: postgres.Sql, school: BulkSchool, role: "staff" | "accountant" = "staff"): Promise<Page> {
  const email = uniqueEmail(role);
  // Same password as the admin: copy the hash instead of hashing here.
  const [user] = await db<{ id: string }[]>`insert into users (email, name, password_hash)
    select ${email}, ${role === "staff" ? "Radu Staff" : "Ioana Contabil"}, password_hash from users where email = ${school.admin.email} returning id`;
  await db`insert into memberships (org_id, user_id, role) values (${school.orgId}, ${user!.id}, ${role})`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, school.admin.password);
  return page;
}
