import "server-only";
import { z } from "zod";
import type { SmartBillCredentials } from "./credentials";
import { isSmartBillError } from "./errors";
import type { CallOptions, SmartBillTransport } from "./http";
import { parseBody } from "./parse";

export const taxSchema = z.object({ name: z.string(), percentage: z.number() });
export type SmartBillTax = z.infer<typeof taxSchema>;
export interface TaxList {
  vatPayer: boolean;
  taxes: SmartBillTax[];
}

const taxesResponse = z.object({ taxes: z.array(taxSchema) });
// SmartBill's answer for a company that does not charge VAT: a valid login, not an error.
const NOT_VAT_PAYER = /firma este neplatitoare de tva/i;

/** GET /tax: the VAT rates configured for the company; `{ vatPayer: false, taxes: [] }` for a non-VAT payer. */
export async function listTaxes(t: SmartBillTransport, creds: SmartBillCredentials, opts?: CallOptions): Promise<TaxList> {
  try {
    const res = await t.request(creds, { operation: "taxes.list", method: "GET", path: "/tax", kind: "read" }, opts);
    return { vatPayer: true, taxes: parseBody(res, taxesResponse, "taxes.list", "read").taxes };
  } catch (e) {
    if (isSmartBillError(e) && NOT_VAT_PAYER.test(e.originalText)) return { vatPayer: false, taxes: [] };
    throw e;
  }
}
