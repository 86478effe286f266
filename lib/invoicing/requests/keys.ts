// The unique key of an invoice request (UNIQUE (org_id, request_key)): the same click, payment or bulk
// row always maps to the same key, so inserting it twice returns the first request.
import type { InvoiceTrigger } from "@/db/schema";

export function automaticKey(registrationId: string, trigger: Exclude<InvoiceTrigger, "manual">, paymentId: string): string {
  return `auto:${registrationId}:${trigger}:${paymentId}`;
}

/** clientRequestId is made once by the preview dialog: a double click sends the same one. */
export function manualKey(clientRequestId: string): string {
  return `manual:${clientRequestId}`;
}

export function bulkKey(batchId: string, registrationId: string): string {
  return `bulk:${batchId}:${registrationId}`;
}
