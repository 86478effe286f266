import type { ComponentProps } from "react";
import { Badge } from "@/components/ui/badge";
import type { InvoiceRequestStatus } from "@/lib/invoicing/constants";

const TONES: Record<InvoiceRequestStatus, ComponentProps<typeof Badge>["tone"]> = {
  queued: "neutral",
  issuing: "info",
  issued: "success",
  failed: "danger",
  in_doubt: "warning",
  cancelled: "neutral",
};

/**
 * An invoice request's status, with the SmartBill series-number once issued. The label comes from the
 * caller (server or client translator: `invoicing.status.<status>`), so this stays a plain component.
 */
export function InvoiceStatusBadge({ status, label, number }: { status: InvoiceRequestStatus; label: string; number?: string | null }) {
  return (
    <Badge tone={TONES[status]} data-status={status} data-testid="invoice-status">
      {status === "issued" && number ? number : label}
    </Badge>
  );
}

/** "SERIES-NUMBER" as SmartBill prints it (the number keeps its zero padding). */
export function invoiceNumber(series: string | null, number: string | null): string | null {
  return series && number ? `${series}-${number}` : null;
}

/** A number expected before sending ("24"), written as SmartBill will write it when the width is known. */
export function expectedInvoiceNumber(series: string, number: string, padWidth: number | null): string {
  return `${series}-${padWidth ? number.padStart(padWidth, "0") : number}`;
}
