// PUT /invoice/cancel, PUT /invoice/restore, DELETE /invoice: query-string addressed, idempotent where
// SmartBill is (cancel and restore answer 200 with an informative message when nothing changes).
import { queryEndpoint, type ApiContext } from "../context";
import { docName, findInvoice, type Invoice } from "../invoices";
import { removeInvoice, setCancelled } from "../invoice-state";
import { classicError, classicOk } from "../responses";

const MISSING_NUMBER = "Numarul facturii trebuie specificat in url in parametrul 'number'!";
const MISSING_SERIES = "Seria facturii trebuie specificata in url in parametrul 'seriesname'!";

export function notFoundText(seriesName: string, number: string): string {
  return `Factura cu seria si numarul ${seriesName}${number} nu a fost gasita!`;
}

type Lookup = { ok: true; seriesName: string; number: string; inv: Invoice | undefined } | { ok: false; res: Response };

async function lookup(ctx: ApiContext): Promise<Lookup> {
  const number = ctx.query.get("number") ?? "";
  const seriesName = ctx.query.get("seriesname") ?? "";
  if (!number) return { ok: false, res: classicError(400, MISSING_NUMBER) };
  if (!seriesName) return { ok: false, res: classicError(400, MISSING_SERIES) };
  return { ok: true, seriesName, number, inv: await findInvoice(ctx.sql, ctx.company.id, seriesName, number) };
}

export const cancelInvoice = queryEndpoint({
  async run(ctx) {
    const l = await lookup(ctx);
    if (!l.ok) return l.res;
    if (!l.inv) return classicError(400, notFoundText(l.seriesName, l.number));
    const changed = await setCancelled(ctx.sql, l.inv, true);
    const doc = docName(l.inv);
    return classicOk(changed ? `Factura cu seria si numarul ${doc} a fost anulata cu succes.` : `Factura ${doc} este deja anulata.`);
  },
});

export const restoreInvoice = queryEndpoint({
  async run(ctx) {
    const l = await lookup(ctx);
    if (!l.ok) return l.res;
    if (!l.inv) return classicError(400, notFoundText(l.seriesName, l.number));
    const changed = await setCancelled(ctx.sql, l.inv, false);
    const doc = docName(l.inv);
    return classicOk(changed ? `Factura cu seria si numarul ${doc} a fost restaurata cu succes.` : `Factura ${doc} nu necesita restaurare.`);
  },
});

export const deleteInvoice = queryEndpoint({
  async run(ctx) {
    const l = await lookup(ctx);
    if (!l.ok) return l.res;
    const result = await removeInvoice(ctx.sql, ctx.company, l.seriesName, l.number, { onlyLast: true });
    if (result === "not_found") return classicError(400, notFoundText(l.seriesName, l.number));
    if (result === "not_last") {
      return classicError(
        403,
        `Nu poti sterge documentul cu seria si numarul ${l.seriesName} ${l.number}, deoarece nu este ultimul din serie!`,
      );
    }
    return classicOk(`Factura cu seria si numarul ${l.seriesName}${l.number} a fost stearsa cu succes.`);
  },
});
