import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { billingProfiles, clients, courses, registrations, type Client } from "@/db/schema";
import type { BillingProfile } from "@/db/queries/billing-profiles";
import { getBillingSettings } from "@/db/queries/billing-settings";
import { AppError } from "@/lib/errors";
import { todayInBucharest } from "@/lib/registrations/dates";
import type { InvoiceInput } from "@/lib/smartbill";
import { buildInvoiceInput, type Buyer, type VatMode } from "./payload";
import { lineTotals, type Totals } from "./totals";

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

async function profileFor(db: Executor, orgId: string, courseProfileId: string | null): Promise<BillingProfile> {
  if (courseProfileId) {
    const [p] = await db
      .select()
      .from(billingProfiles)
      .where(and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.id, courseProfileId), isNull(billingProfiles.archivedAt)));
    if (p) return p;
  }
  const [d] = await db
    .select()
    .from(billingProfiles)
    .where(and(eq(billingProfiles.orgId, orgId), eq(billingProfiles.isDefault, true), isNull(billingProfiles.archivedAt)));
  if (!d) throw new AppError("conflict", "invoicing.errors.noProfile");
  return d;
}

export async function planInvoice(db: Executor, orgId: string, input: PlanInput): Promise<IssuePlan> {
  const [row] = await db
    .select({ registration: registrations, course: courses, client: clients })
    .from(registrations)
    .innerJoin(courses, and(eq(courses.orgId, registrations.orgId), eq(courses.id, registrations.courseId)))
    .innerJoin(clients, and(eq(clients.orgId, registrations.orgId), eq(clients.id, registrations.clientId)))
    .where(and(eq(registrations.orgId, orgId), eq(registrations.id, input.registrationId)));
  if (!row) throw new AppError("not_found", "invoicing.errors.registrationNotFound");
  const { registration, course, client } = row;
  const profile = await profileFor(db, orgId, course.billingProfileId);
  if (!profile.seriesName) throw new AppError("conflict", "invoicing.errors.noSeries");
  const settings = await getBillingSettings(db, orgId);
  const vatMode: VatMode = !profile.vatPayer || settings.vatMode === "not_payer" ? "not_payer" : settings.vatMode;
  let vat: VatLevelChoice | null = null;
  if (vatMode !== "not_payer") {
    if (input.vatOverride) vat = input.vatOverride;
    else if (course.vatName && course.vatPercentage !== null) vat = { name: course.vatName, percentage: Number(course.vatPercentage) };
    else if (profile.defaultVatName && profile.defaultVatPercentage !== null) {
      vat = { name: profile.defaultVatName, percentage: Number(profile.defaultVatPercentage) };
    } else throw new AppError("conflict", "invoicing.errors.noVatLevel");
  }
  const lines = [{ name: `${course.name} — ${registration.participantName}`, quantity: 1, unitPriceBani: input.amountBani }];
  const payload = buildInvoiceInput({
    profile: { seriesName: profile.seriesName, currency: profile.currency, invoiceLanguage: profile.invoiceLanguage, dueDays: profile.dueDays },
    buyer: buyerOf(client),
    lines,
    vat: { mode: vatMode, ...(vat ? { level: vat } : {}) },
    issueDate: input.issueDate ?? todayInBucharest(),
    isDraft: false,
    mentions: `Ref. ${registration.reference}`,
  }) as InvoiceInput;
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
    totals: lineTotals(input.amountBani, 1, vatMode, vat?.percentage ?? 0),
  };
}
