import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { setupProgress } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { buildInvoiceInput } from "@/lib/invoicing/payload";
import { isSmartBillError } from "@/lib/smartbill";
import { recordCallOutcome, requireCredentials } from "./connection";
import { smartBillAppError } from "./smartbill-errors";
import { listProfiles } from "./profiles";
import { getBillingSettings } from "./settings";
import { smartbill } from "./smartbill";

export interface TestDraftResult {
  at: string;
  profileName: string;
  seriesName: string;
  /** SmartBill's answer: a draft has an empty number. */
  number: string;
  documentUrl: string | null;
  request: unknown;
}

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Bucharest" }).format(new Date());
}

/**
 * Sends a SmartBill draft (which consumes no number) built from the default profile's real settings,
 * proving credentials, series, VAT level and payload shape together.
 */
export async function issueTestDraft(db: Database, p: { orgId: string; actorUserId: string }): Promise<TestDraftResult> {
  const { connection, creds } = await requireCredentials(db, p.orgId);
  const profile = (await listProfiles(db, p.orgId)).find((x) => x.isDefault);
  if (!profile) throw new AppError("conflict", "setup.review.noProfile");
  if (!profile.seriesName) throw new AppError("conflict", "setup.review.noSeries");
  const settings = await getBillingSettings(db, p.orgId);
  const vatPayerMode = settings.vatMode !== "not_payer";
  if (vatPayerMode && (!profile.defaultVatName || profile.defaultVatPercentage === null)) throw new AppError("conflict", "setup.review.noVat");
  const request = buildInvoiceInput({
    profile: { seriesName: profile.seriesName, currency: profile.currency, invoiceLanguage: profile.invoiceLanguage, dueDays: profile.dueDays },
    buyer: { name: "Client de test Bursar", country: "Romania", vatCode: "0000000000000", isTaxPayer: false, city: profile.city, county: profile.county },
    lines: [{ name: "Test Bursar — verificare conexiune", quantity: 1, unitPriceBani: 100 }],
    vat: vatPayerMode
      ? { mode: settings.vatMode, level: { name: profile.defaultVatName!, percentage: Number(profile.defaultVatPercentage) } }
      : { mode: "not_payer" },
    issueDate: today(),
    isDraft: true,
    mentions: "Ciornă de test trimisă de Bursar la configurare. Poate fi ștearsă.",
  });
  try {
    const doc = await smartbill().invoices.create(creds, request, { maxWaitMs: 15_000 });
    await recordCallOutcome(db, connection.id, { ok: true });
    const result: TestDraftResult = {
      at: new Date().toISOString(),
      profileName: profile.companyName,
      seriesName: doc.series || profile.seriesName,
      number: doc.number,
      documentUrl: doc.documentUrl ?? null,
      request,
    };
    await db.update(setupProgress).set({ testDraft: { ...result }, updatedAt: new Date() }).where(eq(setupProgress.orgId, p.orgId));
    await writeAudit(db, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: "smartbill.test_draft_issued",
      entityType: "billing_profile",
      entityId: profile.id,
      details: { series: result.seriesName, documentUrl: result.documentUrl },
    });
    return result;
  } catch (e) {
    await recordCallOutcome(db, connection.id, { ok: false, error: e });
    if (isSmartBillError(e)) throw smartBillAppError(e);
    throw e;
  }
}
