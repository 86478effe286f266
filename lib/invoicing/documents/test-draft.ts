import "server-only";
import type { Database } from "@/db";
import { getBillingSettings } from "@/db/queries/billing-settings";
import { listActiveProfiles } from "@/db/queries/billing-profiles";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { updateSetupProgress } from "@/db/queries/setup-progress";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { buildInvoiceInput } from "./payload";
import { withSmartBill } from "@/lib/billing/smartbill-call";
import type { TestDraftResult } from "@/lib/billing/test-draft-result";


function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Bucharest" }).format(new Date());
}

/**
 * Sends a SmartBill draft (which consumes no number) built from the default profile's real settings,
 * proving credentials, series, VAT level and payload shape together.
 */
export async function issueTestDraft(db: Database, p: { orgId: string; actorUserId: string }): Promise<TestDraftResult> {
  if (!(await getActiveConnection(db, p.orgId))) throw new AppError("conflict", "setup.notConnected");
  const profile = (await listActiveProfiles(db, p.orgId)).find((x) => x.isDefault);
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
  const doc = await withSmartBill(db, p.orgId, (call) => call.sb.invoices.create(call.creds, request, { maxWaitMs: 15_000 }));
  const result: TestDraftResult = {
    at: new Date().toISOString(),
    profileName: profile.companyName,
    seriesName: doc.series || profile.seriesName,
    number: doc.number,
    documentUrl: doc.documentUrl ?? null,
    request,
  };
  await updateSetupProgress(db, p.orgId, { testDraft: { ...result } });
  await writeAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    action: "smartbill.test_draft_issued",
    entityType: "billing_profile",
    entityId: profile.id,
    details: { series: result.seriesName, documentUrl: result.documentUrl },
  });
  return result;
}
