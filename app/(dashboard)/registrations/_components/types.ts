import type { InvoiceRequestStatus } from "@/lib/invoicing/constants";
import type { PaymentStatusValue } from "../search-params";

/** One row of the table as the server page hands it to the client (plain, serialisable). */
export interface RegistrationRow {
  id: string;
  reference: string;
  participantName: string;
  clientId: string;
  clientName: string;
  courseId: string;
  courseName: string;
  priceBani: number;
  paidBani: number;
  balanceBani: number;
  paymentStatus: PaymentStatusValue;
  status: "active" | "cancelled";
  /** The latest invoice request (badge), or null when never invoiced. */
  invoice: { status: InvoiceRequestStatus; number: string | null; needsStorno: boolean; pending: boolean } | null;
  /** What is left to invoice (price − requests not failed or cancelled): the Issue control shows while > 0. */
  uninvoicedBani: number;
}

export interface FilterOption {
  value: string;
  label: string;
}
