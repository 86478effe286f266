// A school set up to issue against a SmartBill sandbox, for chaos:issue and bench:bulk-issue (the test
// kit's createInvoicingSchool needs vitest): connected to the demo account at `baseUrl`, one billing
// profile per series (on the demo school company), a course per profile, one client, `count`
// registrations spread over the series.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Database } from "../db/client";
import { billingProfiles, billingSettings, courses, memberships, organisations, smartbillConnections, users } from "../db/schema";
import { encryptSecret } from "../lib/crypto/secret-box";
import { createClient } from "../lib/registrations/clients";
import { createCourse } from "../lib/registrations/courses";
import { createRegistration } from "../lib/registrations/registrations";
import { clientSchema, courseSchema, registrationSchema } from "../lib/registrations/schemas";
import { findMarks, MARK_PREFIX } from "../lib/invoicing/engine/mark";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";

export interface FixtureRegistration {
  id: string;
  reference: string;
  series: string;
}

export interface IssueSchool {
  orgId: string;
  staffId: string;
  registrations: FixtureRegistration[];
}

export async function createIssueSchool(db: Database, opts: { baseUrl: string; count: number; series: string[]; name?: string }): Promise<IssueSchool> {
  process.env.BURSAR_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  const [org] = await db.insert(organisations).values({ name: opts.name ?? "Chaos School" }).returning();
  const orgId = org!.id;
  const [user] = await db.insert(users).values({ email: `staff-${crypto.randomBytes(4).toString("hex")}@school.test`, name: "Staff", passwordHash: "x" }).returning();
  await db.insert(memberships).values({ orgId, userId: user!.id, role: "staff" });
  const token = DEMO_SMARTBILL.token;
  await db.insert(smartbillConnections).values({
    orgId,
    username: DEMO_SMARTBILL.email,
    tokenCiphertext: encryptSecret(token, orgId),
    tokenLast4: token.slice(-4),
    cif: DEMO_SMARTBILL.company.cif,
    baseUrl: opts.baseUrl,
    isSandbox: true,
    vatPayer: true,
  });
  await db.insert(billingSettings).values({ orgId, generationMode: "manual", vatMode: "payer_included" }).onConflictDoNothing();
  const a = { orgId, actorUserId: user!.id };
  const client = await createClient(db, {
    ...a,
    input: clientSchema.parse({ buyerType: "person", name: "Ștefan Popescu", email: "stefan@example.ro", city: "Sector 3", county: "București", country: "Romania" }),
  });
  const courseIds: { id: string; series: string }[] = [];
  for (const [i, series] of opts.series.entries()) {
    const [profile] = await db
      .insert(billingProfiles)
      .values({ orgId, isDefault: i === 0, companyName: "Școala Demo SRL", cif: DEMO_SMARTBILL.company.cif, seriesName: series, defaultVatName: "Normala", defaultVatPercentage: "21" })
      .returning();
    const course = await createCourse(db, {
      ...a,
      input: courseSchema.parse({ name: `Curs ${series}`, price: "1.000,00", termName: "Toamna 2026", termStart: "2026-09-15", termEnd: "2027-01-31" }),
    });
    await db.update(courses).set({ billingProfileId: profile!.id }).where(eq(courses.id, course.id));
    courseIds.push({ id: course.id, series });
  }
  const regs: FixtureRegistration[] = [];
  for (let i = 0; i < opts.count; i++) {
    const course = courseIds[i % courseIds.length]!;
    const r = await createRegistration(db, { ...a, input: registrationSchema.parse({ clientId: client.id, courseId: course.id, participantName: `Copil ${i + 1}` }) });
    regs.push({ id: r.id, reference: r.reference, series: course.series });
  }
  return { orgId, staffId: user!.id, registrations: regs };
}

export interface SandboxInvoice {
  /** "SERIES-NUMBER" as SmartBill wrote it. */
  document: string;
  /** The registration reference the school's mentions name ("Ref. BRS-0001"), or null. */
  reference: string | null;
  /** The Bursar marks the mentions carry ("Ref. Bursar XXXXX-XXXXX", issue 15). */
  marks: string[];
}

/** Every invoice (not a draft) the sandbox stored, with what its mentions say, from the sandbox's own tables. */
export async function sandboxInvoices(pg: postgres.Sql): Promise<SandboxInvoice[]> {
  const rows = await pg<{ mentions: string | null; series: string; number: string }[]>`
    select i.mentions, i.series_name as series, i.number from smartbill_sandbox.invoices i where not i.is_draft`;
  return rows.map((r) => {
    const lines = (r.mentions ?? "").split("\n").map((l) => l.trim());
    const ref = lines.find((l) => l.startsWith("Ref. ") && !l.startsWith(`${MARK_PREFIX} `));
    return { document: `${r.series}-${r.number}`, reference: ref ? ref.slice("Ref. ".length) : null, marks: findMarks(r.mentions ?? "") };
  });
}

/** Sandbox invoices per registration reference. */
export function byReference(invoices: readonly SandboxInvoice[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const i of invoices) if (i.reference !== null) m.set(i.reference, [...(m.get(i.reference) ?? []), i.document]);
  return m;
}

/** Sandbox invoices per Bursar mark. */
export function byMark(invoices: readonly SandboxInvoice[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const i of invoices) for (const mark of i.marks) m.set(mark, [...(m.get(mark) ?? []), i.document]);
  return m;
}

export async function statusCounts(db: Database, orgId: string): Promise<Record<string, number>> {
  const rows = (await db.execute(sql`select status, count(*)::int as n from invoice_requests where org_id = ${orgId} group by status`)) as unknown as { status: string; n: number }[];
  return Object.fromEntries([...rows].map((r) => [r.status, r.n]));
}

