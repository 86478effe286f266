// GET /series and GET /tax: the company's configuration, as integrations read it before issuing.
import { listSeries, listTaxes } from "../accounts";
import { queryEndpoint } from "../context";
import { classicBody, classicError, json } from "../responses";

export const getSeries = queryEndpoint({
  async run({ sql, company, query }) {
    const type = query.get("type");
    if (type !== null && type !== "" && !["f", "p", "c"].includes(type)) {
      return classicError(
        400,
        `Tipul documentului nu poate fi ${type}! Parametrul type poate lua valorile: 'f' pentru factura, 'p' pentru proforma si 'c' pentru chitanta.`,
      );
    }
    const list = await listSeries(sql, company.id, type || undefined);
    return json(200, {
      ...classicBody(""),
      list: list.map((s) => ({ name: s.name, nextNumber: s.nextNumber, type: s.type })),
    });
  },
});

// [I] SmartBill's plugin only shows that this text arrives with a non-200 status; 400 is assumed.
export const NOT_VAT_PAYER = "Firma este neplatitoare de tva.";

export const getTax = queryEndpoint({
  async run({ sql, company }) {
    if (!company.vatPayer) return classicError(400, NOT_VAT_PAYER);
    const taxes = await listTaxes(sql, company.id);
    return json(200, { ...classicBody(""), taxes });
  },
});
