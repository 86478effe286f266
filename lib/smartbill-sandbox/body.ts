// Request bodies are read with a ceiling: a client announcing (or streaming) more than MAX_BODY_BYTES is
// answered 413 without the rest being read. SmartBill's own limit is not published [I]; an invoice of 400
// lines (SmartBill's maximum) is ~150 kB of JSON, so 1 MiB leaves room without inviting abuse.
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyText = { ok: true; text: string } | { ok: false; reason: "too_large" };

/** True when the declared Content-Length alone is over the limit (checked before anything else). */
export function declaresTooMuch(req: Request, max = MAX_BODY_BYTES): boolean {
  const declared = Number(req.headers.get("content-length") ?? "");
  return Number.isFinite(declared) && declared > max;
}

export async function readBodyText(req: Request, max = MAX_BODY_BYTES): Promise<BodyText> {
  if (declaresTooMuch(req, max)) return { ok: false, reason: "too_large" };
  if (!req.body) return { ok: true, text: "" };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
