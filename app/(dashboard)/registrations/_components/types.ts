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
}

export interface FilterOption {
  value: string;
  label: string;
}
