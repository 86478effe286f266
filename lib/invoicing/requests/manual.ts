import "server-only";
import type { Database } from "@/db";
import { type InvoiceRequest } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { lockRegistration } from "@/lib/registrations/recompute";
import { planInvoice, type VatLevelChoice } from "../documents/issuer";
import { manualKey } from "./keys";
import { findByKey, findOpenManual, insertRequestIn, invoicedBani, requestValues, type CreatedRequest } from "./shared";

// The Issue button (and its double clicks, other staff members, other instances): one request.

export interface ManualRequestCommand {
  orgId: string;
  actorUserId: string | null;
  registrationId: string;
  /** Made once by the preview dialog (a uuid): a double click sends the same one. */
  clientRequestId: string;
  /** Default: the uninvoiced balance. */
  amountBani?: number;
  vatOverride?: VatLevelChoice | null;
}

/**
 * A clientRequestId names one click on one registration's Issue: the same again is that click repeated
 * (its request is returned), but the same id for another registration is a misuse, never that request.
 */
function sameClick(request: InvoiceRequest, registrationId: string): CreatedRequest {
  if (request.registrationId !== registrationId) throw new AppError("conflict", "invoicing.errors.requestIdReused");
  return { request, created: false };
}

/** The Issue button. Returns the request (new, or the one this click or another staff member made). */
export async function createManualRequest(db: Database, c: ManualRequestCommand): Promise<CreatedRequest> {
  const key = manualKey(c.clientRequestId);
  return db.transaction(async (tx) => {
    const same = await findByKey(tx, c.orgId, key);
    if (same) return sameClick(same, c.registrationId);
    const registration = await lockRegistration(tx, c.orgId, c.registrationId);
    // Re-read under the lock: a concurrent click with this key may have committed meanwhile.
    const again = await findByKey(tx, c.orgId, key);
    if (again) return sameClick(again, c.registrationId);
    if (registration.status === "cancelled") throw new AppError("conflict", "invoicing.errors.registrationCancelled");
    const open = await findOpenManual(tx, c.orgId, c.registrationId);
    if (open) return { request: open, created: false };
    const uninvoiced = registration.priceBani - (await invoicedBani(tx, c.orgId, c.registrationId));
    if (uninvoiced <= 0) throw new AppError("conflict", "invoicing.errors.alreadyInvoiced");
    const amount = c.amountBani ?? uninvoiced;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError("validation", "invoicing.errors.amountInvalid");
    if (amount > uninvoiced) throw new AppError("conflict", "invoicing.errors.amountAboveBalance");
    const plan = await planInvoice(tx, c.orgId, { registrationId: c.registrationId, amountBani: amount, vatOverride: c.vatOverride });
    const result = await insertRequestIn(tx, requestValues(plan, { orgId: c.orgId, key, kind: "manual", trigger: "manual", actorUserId: c.actorUserId, vatOverride: c.vatOverride }));
    // The key taken meanwhile by a request for another registration (which holds another row lock).
    if (!result.created) return sameClick(result.request, c.registrationId);
    if (result.created) {
      await writeAudit(tx, {
        orgId: c.orgId,
        actorUserId: c.actorUserId,
        action: "invoice.requested",
        entityType: "invoice_request",
        entityId: result.request.id,
        details: { registrationId: c.registrationId, amountBani: amount, seriesName: plan.seriesName, kind: "manual" },
      });
    }
    return result;
  });
}
