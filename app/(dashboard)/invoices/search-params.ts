import { createParser, createSearchParamsCache, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { createTableParsers } from "@/components/data-table/parsers";
import { DEFAULT_INVOICE_STATUS, INVOICE_LIST_STATUSES } from "@/lib/invoice-list/filter";
import { isIsoDate } from "@/lib/registrations/dates";

// The invoice list's URL, parsed once: the server page reads it through the cache, the client toolbar
// through the same parsers. No from/to in the URL means the current month (resolved on the server, at
// request time, in Europe/Bucharest).
export const parseAsCalendarDate = createParser({
  parse: (v) => (isIsoDate(v) ? v : null),
  serialize: (v: string) => v,
});

export const invoicesParsers = {
  ...createTableParsers({ sorts: ["date"] as const, defaultSort: "date", defaultDir: "desc" }),
  from: parseAsCalendarDate,
  to: parseAsCalendarDate,
  status: parseAsStringLiteral(INVOICE_LIST_STATUSES).withDefault(DEFAULT_INVOICE_STATUS),
  series: parseAsString,
  profile: parseAsString,
};

export const invoicesSearchParams = createSearchParamsCache(invoicesParsers);
export type InvoicesUrlState = inferParserType<typeof invoicesParsers>;
