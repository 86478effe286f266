// Inputs of the control operations. Strict objects: a typo in a test's set-up should fail loudly.
import { z } from "zod";
import { FAULT_KINDS } from "./faults";

const cif = z.string().min(1);
const account = z.string().min(1).describe("the account's login e-mail");

export const rateLimitSettings = z.strictObject({
  limit: z.int().positive().optional(),
  windowMs: z.int().positive().optional(),
  blockMs: z.int().nonnegative().optional(),
  mode: z.enum(["fixed", "sliding"]).optional(),
});

export const upsertAccountInput = z.strictObject({
  email: z.string().min(3),
  token: z.string().min(1),
  apiAccess: z.boolean().optional(),
  rateLimit: rateLimitSettings.optional(),
});

export const upsertCompanyInput = z.strictObject({
  account,
  cif,
  name: z.string().min(1).optional(),
  address: z.string().optional(),
  vatPayer: z.boolean().optional(),
  quotaRemaining: z.int().nonnegative().nullable().optional(),
  quotaTotal: z.int().nonnegative().nullable().optional(),
  useProductCode: z.boolean().optional(),
  smtpConfigured: z.boolean().optional(),
  stockEnabled: z.boolean().optional(),
  unknownFieldMode: z.enum(["json", "html500"]).optional(),
  deleteCounterMode: z.enum(["reuse", "keep"]).optional(),
  legacyInvoicePost: z.boolean().optional(),
});

export const upsertSeriesInput = z.strictObject({
  cif,
  name: z.string().min(1),
  type: z.enum(["f", "p", "c"]),
  nextNumber: z.int().positive().optional(),
  padWidth: z.int().min(1).max(12).optional(),
});

export const setTaxesInput = z.strictObject({
  cif,
  taxes: z.array(z.strictObject({ name: z.string().min(1), percentage: z.number().min(0).max(100) })),
});

export const setRateLimitInput = rateLimitSettings.extend({ account });
export const accountFilterInput = z.strictObject({ account: account.optional() });

export const addFaultInput = z.strictObject({
  account,
  kind: z.enum(FAULT_KINDS),
  /** Endpoint path below /SBORO/api (`/invoice/v2`), or `*` for any. */
  path: z.string().min(1),
  method: z.enum(["GET", "POST", "PUT", "DELETE"]).optional(),
  count: z.int().positive().default(1),
  ms: z.int().nonnegative().optional(),
  errorText: z.string().optional(),
  status: z.int().min(200).max(599).optional(),
  body: z.unknown().optional(),
  contentType: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const invoiceRefInput = z.strictObject({ cif, seriesName: z.string().min(1), number: z.string().min(1) });
export const markPaidInput = invoiceRefInput.extend({
  /** Amount in bani; default: what is still unpaid. */
  valueBani: z.int().optional(),
  type: z.string().optional(),
});
export const setNextNumberInput = z.strictObject({
  cif,
  seriesName: z.string().min(1),
  type: z.enum(["f", "p", "c"]).default("f"),
  nextNumber: z.int().positive(),
});
export const setQuotaInput = z.strictObject({
  cif,
  remaining: z.int().nonnegative().nullable(),
  total: z.int().nonnegative().nullable().optional(),
});

export const listInvoicesInput = z.strictObject({
  cif: cif.optional(),
  seriesName: z.string().optional(),
  limit: z.int().positive().max(10_000).optional(),
});
export const companyFilterInput = z.strictObject({ cif: cif.optional() });
export const readCallLogInput = z.strictObject({
  account: account.optional(),
  tokenHash: z.string().optional(),
  path: z.string().optional(),
  afterId: z.int().nonnegative().optional(),
  limit: z.int().positive().max(10_000).optional(),
});
export const issueAsPersonInput = z.strictObject({
  cif,
  seriesName: z.string().min(1),
  /** The document's total, VAT included, in bani (default 100.00 RON). */
  totalBani: z.int().positive().max(100_000_000_000).default(10_000),
  clientName: z.string().trim().min(1).max(200).default("Client introdus manual"),
  productName: z.string().trim().min(1).max(200).default("Taxa scolara"),
  /** Free text; a person never prints Bursar's mark, but a test may make one copy it. */
  mentions: z.string().max(10_000).optional(),
});
export const settleInput = z.strictObject({
  account: account.optional(),
  /** Fire the pending late commits at once instead of waiting for their time. */
  now: z.boolean().optional(),
});
export const resetInput = z.strictObject({ seedDemo: z.boolean().optional() });
export const emptyInput = z.strictObject({});
