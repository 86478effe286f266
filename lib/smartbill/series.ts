import "server-only";
import { z } from "zod";
import type { SmartBillCredentials } from "./credentials";
import type { CallOptions, SmartBillTransport } from "./http";
import { checkInput, parseBody } from "./parse";

export const seriesTypeSchema = z.enum(["f", "p", "c"]);
/** f: factura, p: proforma, c: chitanta. */
export type SeriesType = z.infer<typeof seriesTypeSchema>;

export const seriesSchema = z.object({
  name: z.string(),
  /** The next number SmartBill will issue, as an integer (documents carry it zero-padded). */
  nextNumber: z.number().int(),
  type: seriesTypeSchema,
});
export type SmartBillSeries = z.infer<typeof seriesSchema>;

const seriesResponse = z.object({ list: z.array(seriesSchema) });

/** GET /series: every series of the company, or only one type. */
export async function listSeries(
  t: SmartBillTransport,
  creds: SmartBillCredentials,
  filter: { type?: SeriesType } = {},
  opts?: CallOptions,
): Promise<SmartBillSeries[]> {
  const { type } = checkInput(z.strictObject({ type: seriesTypeSchema.optional() }), filter, "series.list");
  const res = await t.request(creds, { operation: "series.list", method: "GET", path: "/series", query: { type }, kind: "read" }, opts);
  return parseBody(res, seriesResponse, "series.list", "read").list;
}
