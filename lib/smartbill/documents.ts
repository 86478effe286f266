import "server-only";
import { z } from "zod";
import type { SmartBillCredentials } from "./credentials";
import type { CallOptions, SmartBillTransport } from "./http";
import { checkInput, parseBody } from "./parse";
import { documentNumber, seriesName } from "./types";

export const sendDocumentInputSchema = z.strictObject({
  seriesName,
  number: documentNumber,
  type: z.enum(["factura", "proforma"]),
  to: z.string().optional(),
  cc: z.string().optional(),
  bcc: z.string().optional(),
  /** Plain text; Base64-encoded here, as SmartBill requires. */
  subject: z.string().optional(),
  /** Plain text or HTML; Base64-encoded here. */
  bodyText: z.string().optional(),
});
export type SendDocumentInput = z.infer<typeof sendDocumentInputSchema>;

const sendResponse = z.object({ status: z.object({ code: z.literal(0), message: z.string().optional() }) });

const b64 = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, "utf8").toString("base64"));

/**
 * POST /document/send: e-mails an issued document through the school's own mail server set up in
 * SmartBill. Never retried: a lost answer is `ambiguous` (the e-mail may have gone).
 */
export async function sendDocument(
  t: SmartBillTransport,
  creds: SmartBillCredentials,
  input: SendDocumentInput,
  opts?: CallOptions,
): Promise<{ message: string }> {
  const i = checkInput(sendDocumentInputSchema, input, "documents.send");
  const body = Object.fromEntries(
    Object.entries({ ...i, subject: b64(i.subject), bodyText: b64(i.bodyText) }).filter(([, v]) => v !== undefined),
  );
  const res = await t.request(creds, { operation: "documents.send", method: "POST", path: "/document/send", body, companyInBody: true, kind: "create" }, opts);
  return { message: parseBody(res, sendResponse, "documents.send", "create").status.message ?? "" };
}
