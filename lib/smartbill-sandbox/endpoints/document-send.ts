// POST /document/send: e-mails an invoice. This endpoint answers in its own shape,
// {status: {code, message}}, with no errorText — except for the auth errors shared by all of V1.
import { endpoint } from "../context";
import { iso, jsonText } from "../db";
import { findInvoice } from "../invoices";
import { MSG } from "../invoice-prepare";
import { json } from "../responses";
import { sendDocumentSpec } from "../request-specs";

const status = (code: 0 | 1, message: string) => json(code === 0 ? 200 : 400, { status: { code, message } });

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/;

/** Base64 of UTF-8 text; anything else is what SmartBill calls "not encoded". */
export function decodeBase64Text(s: string): string | undefined {
  const t = s.trim();
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(t, "base64"));
  } catch {
    return undefined;
  }
}

function addresses(s: string | null | undefined): string[] {
  return (s ?? "")
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
}

export const sendDocument = endpoint({
  spec: sendDocumentSpec,
  async run(ctx, body) {
    const type = (body.type ?? "").trim();
    if (!type) return status(1, "type  trebuie specificat. Valorile acceptate sunt: factura, proforma.");
    const kind = type.toLowerCase();
    if (kind !== "factura" && kind !== "proforma") {
      return status(1, `Valoarea campului 'type' nu este suportata (${type}). Valorile acceptate sunt: factura, proforma.`);
    }
    if (!(body.seriesName ?? "").trim()) return status(1, MSG.series);
    if (!(body.number ?? "").trim()) return status(1, "Numarul documentului  trebuie specificat");
    const subject = body.subject ? decodeBase64Text(body.subject) : null;
    if (subject === undefined) return status(1, "Subiectul emailului trebuie sa fie codat folosind Base64.");
    const text = body.bodyText ? decodeBase64Text(body.bodyText) : null;
    if (text === undefined) return status(1, "Continutul emailului trebuie sa fie codat folosind Base64.");
    // Proformas are not modelled, so `type: proforma` never finds a document.
    const inv =
      kind === "factura" ? await findInvoice(ctx.sql, ctx.company.id, body.seriesName!, body.number!) : undefined;
    if (!inv) return status(1, "Documentul nu a fost gasit");
    const to = addresses(body.to).length ? addresses(body.to) : addresses(String(inv.client.email ?? ""));
    const cc = addresses(body.cc);
    const bcc = addresses(body.bcc);
    if (!to.length || [...to, ...cc, ...bcc].some((a) => !EMAIL.test(a))) return status(1, "Invalid Addresses");
    if (!ctx.company.smtpConfigured) return status(1, MSG.smtp);
    await ctx.sql`
      insert into smartbill_sandbox.emails (company_id, invoice_id, recipients, subject, body, created_at)
      values (${ctx.company.id}, ${inv.id}, ${jsonText({ to, cc, bcc })}::text::jsonb, ${subject}, ${text},
        ${iso(ctx.now())}::timestamptz)`;
    return status(0, "Documentul a fost trimis cu succes.");
  },
});
