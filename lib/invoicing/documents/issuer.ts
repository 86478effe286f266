import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { clients, courses, registrations, type Client, type Course, type Registration } from "@/db/schema";
import { listActiveProfiles, type BillingProfile } from "@/db/queries/billing-profiles";
import { getBillingSettings, type BillingSettings } from "@/db/queries/billing-settings";
import { AppError } from "@/lib/errors";
import { todayInBucharest } from "@/lib/registrations/dates";
import type { InvoiceInput } from "@/lib/smartbill";
import { buildInvoiceInput, type Buyer, type Line, type VatMode } from "./payload";
import { invoiceTotals, type Totals } from "./totals";

// Who issues an invoice for a registration, into which series, at which VAT level, and the exact body:
// registration → billing profile (the course's, else the default) → its series → VAT level
// (the preview's override > the course's > the profile's default) → payload and totals.

export interface VatLevelChoice {
  name: string;
  percentage: number;
}

export interface IssuePlan {
  registrationId: string;
  clientId: string;
  profile: BillingProfile;
  companyCif: string;
  seriesName: string;
  vatMode: VatMode;
  vat: VatLevelChoice | null;
  amountBani: number;
  payload: InvoiceInput;
  totals: Totals;
}

export interface PlanInput {
  registrationId: string;
  amountBani: number;
  vatOverride?: VatLevelChoice | null;
  /** Default: today in Europe/Bucharest. */
  issueDate?: string;
}

/** The SmartBill buyer: a company by its legal data, a person by name (13 zeros for the CNP SmartBill wants). */
export function buyerOf(c: Client): Buyer {
  const company = c.buyerType === "company";
  return {
    name: company ? c.companyName! : c.name,
    country: c.country,
    vatCode: company ? c.cif : "0000000000000",
    isTaxPayer: company ? c.vatPayer : false,
    regCom: company ? c.regCom : null,
    address: c.address,
    city: c.city,
    county: c.county,
    email: c.email,
    phone: c.phone,
  };
}

/** The course line (name: course — participant; description: the period), at list price with a
 * discount line when the registration was sold below it and this invoice covers all of it. A partial
 * invoice (a down payment, one payment) bills its amount as one line. */
export function invoiceLines(p: {
  courseName: string;
  participantName: string;
  termName: string;
  termStart: string;
  termEnd: string;
  listPriceBani: number;
  registrationPriceBani: number;
  amountBani: number;
}): Line[] {
  const dmy = (iso: string) => iso.split("-").reverse().join(".");
  const course = { name: `${p.courseName} — ${p.participantName}`, description: `${p.termName}, ${dmy(p.termStart)} – ${dmy(p.termEnd)}`, quantity: 1 };
  const whole = p.amountBani === p.registrationPriceBani;
  if (whole && p.listPriceBani > p.registrationPriceBani) {
    return [
      { ...course, unitPriceBani: p.listPriceBani },
      { kind: "discount", name: "Discount", amountBani: p.listPriceBani - p.registrationPriceBani, covers: 1 },
    ];
  }
  return [{ ...course, unitPriceBani: p.amountBani }];
}

type PlanRow = { registration: Registration; course: Course; client: Client };

/** The course's own profile when active, else the organisation's default. */
function profileFor(profiles: BillingProfile[], courseProfileId: string | null): BillingProfile {
  const own = courseProfileId ? profiles.find((p) => p.id === courseProfileId) : undefined;
  const chosen = own ?? profiles.find((p) => p.isDefault);
  if (!chosen) throw new AppError("conflict", "invoicing.errors.noProfile");
  return chosen;
}

function planFrom(row: PlanRow | undefined, profiles: BillingProfile[], settings: BillingSettings, input: PlanInput, today: string): IssuePlan {
  if (!row) throw new AppError("not_found", "invoicing.errors.registrationNotFound");
  const { registration, course, client } = row;
  const profile = profileFor(profiles, course.billingProfileId);
  if (!profile.seriesName) throw new AppError("conflict", "invoicing.errors.noSeries");
  const vatMode: VatMode = !profile.vatPayer || settings.vatMode === "not_payer" ? "not_payer" : settings.vatMode;
  let vat: VatLevelChoice | null = null;
  if (vatMode !== "not_payer") {
    if (input.vatOverride) vat = input.vatOverride;
    else if (course.vatName && course.vatPercentage !== null) vat = { name: course.vatName, percentage: Number(course.vatPercentage) };
    else if (profile.defaultVatName && profile.defaultVatPercentage !== null) {
      vat = { name: profile.defaultVatName, percentage: Number(profile.defaultVatPercentage) };
    } else throw new AppError("conflict", "invoicing.errors.noVatLevel");
  }
  const lines = invoiceLines({
    courseName: course.name,
    participantName: registration.participantName,
    termName: course.termName,
    termStart: course.termStart,
    termEnd: course.termEnd,
    listPriceBani: course.priceBani,
    registrationPriceBani: registration.priceBani,
    amountBani: input.amountBani,
  });
  const payload = buildInvoiceInput({
    profile: { seriesName: profile.seriesName, currency: profile.currency, invoiceLanguage: profile.invoiceLanguage, dueDays: profile.dueDays },
    buyer: buyerOf(client),
    lines,
    vat: { mode: vatMode, ...(vat ? { level: vat } : {}) },
    issueDate: input.issueDate ?? today,
    isDraft: false,
    mentions: `Ref. ${registration.reference}`,
  });
  return {
    registrationId: registration.id,
    clientId: client.id,
    profile,
    companyCif: profile.cif,
    seriesName: profile.seriesName,
    vatMode,
    vat,
    amountBani: input.amountBani,
    payload,
    totals: invoiceTotals(lines, vatMode, vat?.percentage ?? 0).totals,
  };
}

/** Plans many invoices with three queries whatever their number (bulk issue); same rules as planInvoice. */
export async function planInvoices(db: Executor, orgId: string, inputs: readonly PlanInput[]): Promise<IssuePlan[]> {
  if (!inputs.length) return [];
  const ids = [...new Set(inputs.map((i) => i.registrationId))];
  const byId = new Map<string, PlanRow>();
  // At most 5,000 ids per statement (PostgreSQL allows 65,535 parameters).
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows = await db
      .select({ registration: registrations, course: courses, client: clients })
      .from(registrations)
      .innerJoin(courses, and(eq(courses.orgId, registrations.orgId), eq(courses.id, registrations.courseId)))
      .innerJoin(clients, and(eq(clients.orgId, registrations.orgId), eq(clients.id, registrations.clientId)))
      .where(and(eq(registrations.orgId, orgId), inArray(registrations.id, ids.slice(i, i + 5_000))));
    for (const r of rows) byId.set(r.registration.id, r);
  }
  const profiles = await listActiveProfiles(db, orgId);
  const settings = await getBillingSettings(db, orgId);
  const today = todayInBucharest();
  return inputs.map((i) => planFrom(byId.get(i.registrationId), profiles, settings, i, today));
}

export async function planInvoice(db: Executor, orgId: string, input: PlanInput): Promise<IssuePlan> {
  return (await planInvoices(db, orgId, [input]))[0]!;
}
