import { createSearchParamsCache, createSerializer, parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { createTableParsers } from "@/components/data-table/parsers";
import { INVOICE_FILTERS, PAYMENT_STATUSES, type PaymentStatus } from "@/lib/registrations/constants";
import type { RegistrationSort } from "@/lib/registrations/schemas";

// The registrations table's URL, parsed once: the server page reads it through the cache, the client
// components through the same parsers. The sort keys are repeated (type-checked against the query's
// whitelist) so the table's bundle does not load the zod schemas.
export const REGISTRATION_SORT_KEYS = ["reference", "participant", "client", "course", "price", "paid", "balance", "status", "created"] as const satisfies readonly RegistrationSort[];
export const PAYMENT_STATUS_VALUES = PAYMENT_STATUSES;
export const INVOICE_FILTER_VALUES = INVOICE_FILTERS;
export const REGISTRATION_STATES = ["active", "cancelled", "all"] as const;
export type PaymentStatusValue = PaymentStatus;

export const registrationsParsers = {
  ...createTableParsers({ sorts: REGISTRATION_SORT_KEYS, defaultSort: "created", defaultDir: "desc" }),
  course: parseAsString,
  term: parseAsString,
  status: parseAsStringLiteral(PAYMENT_STATUS_VALUES),
  invoice: parseAsStringLiteral(INVOICE_FILTER_VALUES),
  state: parseAsStringLiteral(REGISTRATION_STATES).withDefault("active"),
  q: parseAsString.withDefault(""),
};

export const FILTER_KEYS = ["course", "term", "status", "invoice", "state", "q"] as const;

export const registrationsSearchParams = createSearchParamsCache(registrationsParsers);
export type RegistrationsUrlState = inferParserType<typeof registrationsParsers>;

export const serializeRegistrationsUrl = createSerializer(registrationsParsers);

/** The filter alone (no page, size or sort): what the count and "select all N matching" refer to. */
export function filterKeyOf(s: Pick<RegistrationsUrlState, (typeof FILTER_KEYS)[number]>): string {
  return JSON.stringify([s.course, s.term, s.status, s.invoice, s.state, s.q.trim()]);
}
