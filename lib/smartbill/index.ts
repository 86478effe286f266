import "server-only";
import type { Database } from "../../db/client";
import { loadSmartBillConfig, type SmartBillConfig } from "./config";
import type { SmartBillCredentials } from "./credentials";
import { sendDocument, type SendDocumentInput } from "./documents";
import { SmartBillTransport, type CallOptions } from "./http";
import {
  cancelInvoice,
  createInvoice,
  deleteInvoice,
  getInvoicePaymentStatus,
  getInvoicePdf,
  restoreInvoice,
  reverseInvoice,
} from "./invoices";
import { createSmartBillLogger, type SmartBillLogger } from "./log";
import { createPayment, type PaymentInput } from "./payments";
import { SmartBillRateLimiter } from "./rate-limit";
import { listSeries, type SeriesType } from "./series";
import { listTaxes } from "./taxes";
import type { DocumentRef, InvoiceInput, ReverseInput } from "./types";

export interface SmartBillDeps {
  /** Holds the shared rate-limit state: the app passes `db` from db/index.ts, tests their own. */
  db: Database;
  /** Defaults to loadSmartBillConfig() (SMARTBILL_* environment variables). */
  config?: SmartBillConfig;
  logger?: SmartBillLogger;
}

/** The SmartBill API with the shared limiter. Credentials go with every call; nothing is cached per tenant. */
export function createSmartBill(deps: SmartBillDeps) {
  const config = deps.config ?? loadSmartBillConfig();
  const limiter = new SmartBillRateLimiter(deps.db, config.rateLimit);
  const t = new SmartBillTransport(config, limiter, deps.logger ?? createSmartBillLogger(config.logLevel));
  type C = SmartBillCredentials;
  type O = CallOptions;
  return {
    config,
    limiter,
    transport: t,
    series: { list: (c: C, filter: { type?: SeriesType } = {}, o?: O) => listSeries(t, c, filter, o) },
    taxes: { list: (c: C, o?: O) => listTaxes(t, c, o) },
    invoices: {
      create: (c: C, input: InvoiceInput, o?: O) => createInvoice(t, c, input, o),
      reverse: (c: C, input: ReverseInput, o?: O) => reverseInvoice(t, c, input, o),
      pdf: (c: C, ref: DocumentRef, o?: O) => getInvoicePdf(t, c, ref, o),
      paymentStatus: (c: C, ref: DocumentRef, o?: O) => getInvoicePaymentStatus(t, c, ref, o),
      cancel: (c: C, ref: DocumentRef, o?: O) => cancelInvoice(t, c, ref, o),
      restore: (c: C, ref: DocumentRef, o?: O) => restoreInvoice(t, c, ref, o),
      delete: (c: C, ref: DocumentRef, o?: O) => deleteInvoice(t, c, ref, o),
    },
    payments: { create: (c: C, input: PaymentInput, o?: O) => createPayment(t, c, input, o) },
    documents: { send: (c: C, input: SendDocumentInput, o?: O) => sendDocument(t, c, input, o) },
  };
}
export type SmartBill = ReturnType<typeof createSmartBill>;

export { budgetOf, loadSmartBillConfig, SMARTBILL_PRODUCTION_URL } from "./config";
export type { RateLimitPolicy, SmartBillConfig, SmartBillConfigOverrides } from "./config";
export { SmartBillConnection } from "./credentials";
export type { SmartBillCredentials } from "./credentials";
export { isSmartBillError, SmartBillError, SMARTBILL_ERROR_CODES, SMARTBILL_ERROR_VARIANTS } from "./errors";
export type { SmartBillErrorCode, SmartBillErrorVariant } from "./errors";
export type { CallOptions } from "./http";
export { createSmartBillLogger } from "./log";
export type { LogLevel, LogSink, SmartBillLogger } from "./log";
export { SmartBillRateLimiter, type CallPriority } from "./rate-limit";
export { PDF_TEXT_MAX_BYTES, PDF_TEXT_MAX_PAGES, pdfText } from "./pdf-text";
export type { InvoicePaymentStatus, InvoicePdf, StateChange } from "./invoices";
export type { PaymentInput, PaymentRequest, RecordedPayment } from "./payments";
export type { SendDocumentInput } from "./documents";
export type { SeriesType, SmartBillSeries } from "./series";
export type { SmartBillTax, TaxList } from "./taxes";
export type {
  DocumentRef,
  InvoiceInput,
  InvoiceRequest,
  IssuedDocument,
  ReverseInput,
  SmartBillClient,
  SmartBillProduct,
} from "./types";
