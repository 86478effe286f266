import type { ComponentProps } from "react";
import { Badge } from "@/components/ui/badge";
import type { PaymentStatusValue } from "../search-params";

const TONES: Record<PaymentStatusValue, ComponentProps<typeof Badge>["tone"]> = {
  not_paid: "danger",
  down_payment_paid: "info",
  partially_paid: "warning",
  paid: "success",
  overpaid: "accent",
};

/** The label comes from the caller (server or client translator), so this stays a plain component. */
export function PaymentStatusBadge({ status, label }: { status: PaymentStatusValue; label: string }) {
  return (
    <Badge tone={TONES[status]} data-status={status} data-testid="payment-status">
      {label}
    </Badge>
  );
}
