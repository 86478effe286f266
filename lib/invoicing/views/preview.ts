import "server-only";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { credentialsOf } from "@/lib/smartbill/school-credentials";
import { AppError } from "@/lib/errors";
import { uninvoicedBani as uninvoicedOf } from "./balance";
import type { InvoicingDeps } from "../deps";
import { planInvoice, type IssuePlan, type VatLevelChoice } from "../documents/issuer";

export interface InvoicePreview {
  plan: IssuePlan;
  /** What is left to invoice on the registration (the amount's default and ceiling). */
  uninvoicedBani: number;
  /** The series' next number in SmartBill now (live, GET /series); null if SmartBill could not say. */
  nextNumber: number | null;
}

/**
 * The preview dialog: exactly what SmartBill will receive (buyer, lines, VAT name and %, net, VAT and
 * total as SmartBill computes them), the series and its live next number. Nothing is written.
 */
export async function previewInvoice(
  deps: Pick<InvoicingDeps, "db" | "sb">,
  orgId: string,
  input: { registrationId: string; amountBani?: number; vatOverride?: VatLevelChoice | null },
): Promise<InvoicePreview> {
  const uninvoicedBani = await uninvoicedOf(deps.db, orgId, input.registrationId);
  if (uninvoicedBani <= 0) throw new AppError("conflict", "invoicing.errors.alreadyInvoiced");
  const amount = input.amountBani ?? uninvoicedBani;
  if (amount > uninvoicedBani) throw new AppError("conflict", "invoicing.errors.amountAboveBalance");
  const plan = await planInvoice(deps.db, orgId, { registrationId: input.registrationId, amountBani: amount, vatOverride: input.vatOverride });
  let nextNumber: number | null = null;
  const connection = await getActiveConnection(deps.db, orgId);
  if (connection) {
    try {
      const list = await deps.sb.series.list({ ...credentialsOf(connection), cif: plan.companyCif }, { type: "f" }, { maxWaitMs: 5_000 });
      nextNumber = list.find((x) => x.name === plan.seriesName)?.nextNumber ?? null;
    } catch {
      // The preview still shows everything else; the number is shown as unknown.
      nextNumber = null;
    }
  }
  return { plan, uninvoicedBani, nextNumber };
}
