import "server-only";
import { z } from "zod";
import type { SmartBillCredentials } from "./credentials";
import { SmartBillError } from "./errors";
import type { CallOptions, SmartBillResponse, SmartBillTransport } from "./http";
import { checkInput, parseBody } from "./parse";
import {
  documentRef,
  documentResponseSchema,
  invoiceInputSchema,
  messageResponseSchema,
  reverseInputSchema,
  type DocumentRef,
  type InvoiceInput,
  type IssuedDocument,
  type ReverseInput,
} from "./types";

export const paymentStatusSchema = z.object({
  invoiceTotalAmount: z.number(),
  paidAmount: z.number(),
  unpaidAmount: z.number(),
  paid: z.boolean(),
});
/** Amounts include VAT, in the invoice's own currency (SmartBill does not say which). */
export type InvoicePaymentStatus = z.infer<typeof paymentStatusSchema>;

export interface InvoicePdf {
  bytes: Uint8Array;
  filename: string;
}

export interface StateChange {
  message: string;
  /** false when SmartBill says it was already in that state (cancel and restore are idempotent). */
  changed: boolean;
}

const refQuery = (r: DocumentRef) => ({ seriesname: r.seriesName, number: r.number });

function toIssued(res: SmartBillResponse, operation: string, draft: boolean): IssuedDocument {
  const d = parseBody(res, documentResponseSchema, operation, "create");
  if (!draft && !d.number) {
    // A success without a number: the document may exist in some form; never issue it again blindly.
    throw new SmartBillError({ code: "ambiguous", operation, httpStatus: res.status, originalText: "SmartBill answered without a document number" });
  }
  return {
    series: d.series,
    number: d.number,
    isDraft: draft,
    ...(typeof d.documentId === "number" && d.documentId >= 0 ? { documentId: d.documentId } : {}),
    ...(d.documentUrl ? { documentUrl: d.documentUrl } : {}),
    ...(d.documentViewUrl ? { documentViewUrl: d.documentViewUrl } : {}),
    ...(d.url ? { paymentUrl: d.url } : {}),
    ...(d.message ? { message: d.message } : {}),
  };
}

/** POST /invoice/v2. Sent once, never retried: a lost answer is `ambiguous` (reconcile via series.nextNumber). */
export async function createInvoice(
  t: SmartBillTransport,
  creds: SmartBillCredentials,
  input: InvoiceInput,
  opts?: CallOptions,
): Promise<IssuedDocument> {
  const body = checkInput(invoiceInputSchema, input, "invoices.create");
  const res = await t.request(creds, { operation: "invoices.create", method: "POST", path: "/invoice/v2", body, companyInBody: true, kind: "create" }, opts);
  return toIssued(res, "invoices.create", body.isDraft === true);
}

/** POST /invoice/reverse: a storno invoice in the same series, with the next number. Never retried. */
export async function reverseInvoice(
  t: SmartBillTransport,
  creds: SmartBillCredentials,
  input: ReverseInput,
  opts?: CallOptions,
): Promise<IssuedDocument> {
  const body = checkInput(reverseInputSchema, input, "invoices.reverse");
  const res = await t.request(creds, { operation: "invoices.reverse", method: "POST", path: "/invoice/reverse", body, companyInBody: true, kind: "create" }, opts);
  return toIssued(res, "invoices.reverse", false);
}

/** GET /invoice/pdf: the PDF bytes and SmartBill's file name (factura<series><number>.pdf). */
export async function getInvoicePdf(t: SmartBillTransport, creds: SmartBillCredentials, ref: DocumentRef, opts?: CallOptions): Promise<InvoicePdf> {
  const r = checkInput(documentRef, ref, "invoices.pdf");
  const res = await t.request(
    creds,
    { operation: "invoices.pdf", method: "GET", path: "/invoice/pdf", query: refQuery(r), kind: "read", binary: true, notFoundOn502: true },
    opts,
  );
  if (res.body.subarray(0, 5).toString("latin1") !== "%PDF-") {
    throw new SmartBillError({ code: "unavailable", operation: "invoices.pdf", httpStatus: res.status, originalText: "SmartBill did not send a PDF" });
  }
  const disposition = String(res.headers["content-disposition"] ?? "");
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const safe = named ? decodeURIComponent(named).replace(/[^A-Za-z0-9._-]/g, "_") : "";
  return { bytes: new Uint8Array(res.body), filename: safe || `factura${r.seriesName}${r.number}.pdf`.replace(/[^A-Za-z0-9._-]/g, "_") };
}

/** GET /invoice/paymentstatus. */
export async function getInvoicePaymentStatus(
  t: SmartBillTransport,
  creds: SmartBillCredentials,
  ref: DocumentRef,
  opts?: CallOptions,
): Promise<InvoicePaymentStatus> {
  const r = checkInput(documentRef, ref, "invoices.paymentStatus");
  const res = await t.request(creds, { operation: "invoices.paymentStatus", method: "GET", path: "/invoice/paymentstatus", query: refQuery(r), kind: "read" }, opts);
  return parseBody(res, paymentStatusSchema, "invoices.paymentStatus", "read");
}

async function changeState(t: SmartBillTransport, creds: SmartBillCredentials, ref: DocumentRef, action: "cancel" | "restore", opts?: CallOptions): Promise<StateChange> {
  const operation = `invoices.${action}`;
  const r = checkInput(documentRef, ref, operation);
  const res = await t.request(creds, { operation, method: "PUT", path: `/invoice/${action}`, query: refQuery(r), kind: "idempotent" }, opts);
  const message = parseBody(res, messageResponseSchema, operation, "idempotent").message ?? "";
  return { message, changed: !/deja anulata|nu necesita restaurare/i.test(message) };
}

/** PUT /invoice/cancel: keeps the number; idempotent, so retried like a read. */
export const cancelInvoice = (t: SmartBillTransport, creds: SmartBillCredentials, ref: DocumentRef, opts?: CallOptions) =>
  changeState(t, creds, ref, "cancel", opts);

/** PUT /invoice/restore: undoes a cancel; idempotent. */
export const restoreInvoice = (t: SmartBillTransport, creds: SmartBillCredentials, ref: DocumentRef, opts?: CallOptions) =>
  changeState(t, creds, ref, "restore", opts);

/** DELETE /invoice: only the last invoice of a series (otherwise `validation`, HTTP 403). Never retried. */
export async function deleteInvoice(t: SmartBillTransport, creds: SmartBillCredentials, ref: DocumentRef, opts?: CallOptions): Promise<{ message: string }> {
  const r = checkInput(documentRef, ref, "invoices.delete");
  const res = await t.request(creds, { operation: "invoices.delete", method: "DELETE", path: "/invoice", query: refQuery(r), kind: "delete" }, opts);
  return { message: parseBody(res, messageResponseSchema, "invoices.delete", "delete").message ?? "" };
}
