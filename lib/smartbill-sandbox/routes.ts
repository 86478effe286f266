// The V1 endpoints the sandbox serves, by path below /SBORO/api and verb.
import type { Endpoint } from "./context";
import { getSeries, getTax } from "./endpoints/configuration";
import { sendDocument } from "./endpoints/document-send";
import { createInvoiceLegacy, createInvoiceV2 } from "./endpoints/invoice-create";
import { cancelInvoice, deleteInvoice, restoreInvoice } from "./endpoints/invoice-lifecycle";
import { invoicePdf, paymentStatus } from "./endpoints/invoice-read";
import { reverseInvoice } from "./endpoints/invoice-reverse";
import { registerPayment } from "./endpoints/payment";

export type Method = "GET" | "POST" | "PUT" | "DELETE";
export type Route = Partial<Record<Method, Endpoint>>;

export const ROUTES: Record<string, Route> = {
  "/series": { GET: getSeries },
  "/tax": { GET: getTax },
  "/invoice/v2": { POST: createInvoiceV2 },
  "/invoice": { POST: createInvoiceLegacy, DELETE: deleteInvoice },
  "/invoice/reverse": { POST: reverseInvoice },
  "/invoice/pdf": { GET: invoicePdf },
  "/invoice/paymentstatus": { GET: paymentStatus },
  "/invoice/cancel": { PUT: cancelInvoice },
  "/invoice/restore": { PUT: restoreInvoice },
  "/payment": { POST: registerPayment },
  "/document/send": { POST: sendDocument },
};

export function findRoute(path: string): Route | undefined {
  return Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
}
