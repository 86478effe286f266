// The CSV export's query string, validated like any input (STYLE rule 2). Messages are plain English:
// the route answers them as JSON to whoever built a bad link.
import { z } from "zod";
import { isIsoDate } from "@/lib/registrations/dates";
import { INVOICE_FILTER_KEYS, INVOICE_LIST_STATUSES, resolveInvoiceListFilter, type InvoiceListFilter } from "./filter";

const date = z.string().refine(isIsoDate, "must be a calendar date written YYYY-MM-DD");

export const invoiceExportQuerySchema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    status: z.enum(INVOICE_LIST_STATUSES).optional(),
    series: z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N} _.\-/]+$/u, "has characters a series never has").optional(),
    profile: z.uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });

/** URLSearchParams → the filter, or the first problem as "field: message". */
export function parseInvoiceExportQuery(params: URLSearchParams, now: Date = new Date()): { ok: true; filter: InvoiceListFilter } | { ok: false; error: string } {
  const raw: Record<string, string> = {};
  for (const key of INVOICE_FILTER_KEYS) {
    const values = params.getAll(key);
    if (values.length > 1) return { ok: false, error: `${key}: given more than once` };
    if (values[0] !== undefined && values[0] !== "") raw[key] = values[0];
  }
  const parsed = invoiceExportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join(".") || "query"}: ${issue.message}` };
  }
  return { ok: true, filter: resolveInvoiceListFilter(parsed.data, now) };
}
