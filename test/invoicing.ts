// A school set up to issue invoices against the sandbox: connected, one default billing profile on the
// demo school company (series BRS, VAT "Normala" 21 %), a course, a client and `count` registrations.
//   const s = await createInvoicingSchool(t, sandbox, { count: 3, mode: "manual" });
//   const deps = s.deps();  // InvoicingDeps on the test database with the sandbox's client
import { eq } from "drizzle-orm";
import { billingProfiles, billingSettings } from "../db/schema";
import type { InvoicingDeps } from "../lib/invoicing/deps";
import { createClient } from "../lib/registrations/clients";
import { createCourse } from "../lib/registrations/courses";
import { createRegistration } from "../lib/registrations/registrations";
import { clientSchema, courseSchema, registrationSchema } from "../lib/registrations/schemas";
import type { SmartBillConfigOverrides } from "../lib/smartbill";
import type { TestDb } from "./db";
import { SCHOOL_CIF, type Sandbox } from "./sandbox";
import { createSchool } from "./school";

export interface InvoicingSchool {
  orgId: string;
  adminId: string;
  staffId: string;
  profileId: string;
  courseId: string;
  clientId: string;
  registrations: string[];
  /** Deps on the test database; `client` tweaks the SmartBill client (timeouts, rate limit). */
  deps(o?: Partial<InvoicingDeps> & { client?: SmartBillConfigOverrides }): InvoicingDeps;
}

export async function createInvoicingSchool(
  t: TestDb,
  sandbox: Sandbox,
  opts: { count?: number; mode?: "manual" | "automatic"; price?: string; downPayment?: string } = {},
): Promise<InvoicingSchool> {
  const school = await createSchool(t.db, { roles: ["admin", "staff"], connected: sandbox });
  const orgId = school.id;
  const a = { orgId, actorUserId: school.admin.userId };
  const [profile] = await t.db
    .insert(billingProfiles)
    .values({ orgId, isDefault: true, companyName: "Școala Demo SRL", cif: SCHOOL_CIF, seriesName: "BRS", defaultVatName: "Normala", defaultVatPercentage: "21" })
    .returning();
  await t.db.insert(billingSettings).values({ orgId, generationMode: opts.mode ?? "manual", vatMode: "payer_included" }).onConflictDoNothing();
  await t.db.update(billingSettings).set({ generationMode: opts.mode ?? "manual" }).where(eq(billingSettings.orgId, orgId));
  const course = await createCourse(t.db, {
    ...a,
    input: courseSchema.parse({ name: "Dans modern", price: opts.price ?? "1.000,00", termName: "Toamna 2026", termStart: "2026-09-15", termEnd: "2027-01-31" }),
  });
  const client = await createClient(t.db, {
    ...a,
    input: clientSchema.parse({ buyerType: "person", name: "Ștefan Popescu", email: "stefan@example.ro", city: "Sector 3", county: "București", country: "Romania" }),
  });
  const registrations: string[] = [];
  for (let i = 0; i < (opts.count ?? 1); i++) {
    const r = await createRegistration(t.db, {
      ...a,
      input: registrationSchema.parse({ clientId: client.id, courseId: course.id, participantName: `Copil ${i + 1}`, ...(opts.downPayment ? { downPayment: opts.downPayment } : {}) }),
    });
    registrations.push(r.id);
  }
  return {
    orgId,
    adminId: school.admin.userId,
    staffId: school.staff.userId,
    profileId: profile!.id,
    courseId: course.id,
    clientId: client.id,
    registrations,
    deps: ({ client: c, ...o } = {}) => ({ db: t.db, sb: c ? sandbox.client(c) : sandbox.sb, reconcileGraceMs: 0, ...o }),
  };
}
