import { createLoader } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { REGISTRATION_SORTS } from "@/lib/registrations/schemas";
import { filterKeyOf, REGISTRATION_SORT_KEYS, registrationsParsers, serializeRegistrationsUrl } from "./search-params";

const load = createLoader(registrationsParsers);

describe("the registrations table's URL", () => {
  it("reads the state it writes", () => {
    const url = serializeRegistrationsUrl("/registrations", { page: 3, size: 50, sort: "balance", dir: "asc", status: "paid", invoice: "in_doubt", q: "ștefan", term: "Toamnă 2026" });
    const state = load(url.slice(url.indexOf("?")));
    expect(state).toMatchObject({ page: 3, size: 50, sort: "balance", dir: "asc", status: "paid", invoice: "in_doubt", q: "ștefan", term: "Toamnă 2026", state: "active", course: null });
  });

  it("falls back to the defaults for anything it does not know", () => {
    const state = load("?page=-2&size=1000&sort=password&dir=sideways&status=rich&state=deleted&invoice=paid");
    expect(state).toMatchObject({ page: 1, size: 25, sort: "created", dir: "desc", status: null, invoice: null, state: "active" });
    expect(load("?invoice=FAILED").invoice).toBeNull();
    expect(load("?page=abc").page).toBe(1);
  });

  it("leaves defaults out of the URL, so a plain link is the default view", () => {
    expect(serializeRegistrationsUrl("/registrations", { page: 1, size: 25, sort: "created", dir: "desc", state: "active", q: "" })).toBe("/registrations");
  });

  it("sorts only by the query's whitelisted columns", () => {
    expect([...REGISTRATION_SORT_KEYS].sort()).toEqual([...REGISTRATION_SORTS].sort());
  });

  it("keys the selection on the filter, not on the page or the order", () => {
    const a = load("?course=c1&q=ana&page=2&sort=paid");
    const b = load("?course=c1&q=ana%20&page=5&dir=asc");
    expect(filterKeyOf(a)).toBe(filterKeyOf(b));
    expect(filterKeyOf(a)).not.toBe(filterKeyOf(load("?course=c1&q=ana&status=paid")));
    expect(filterKeyOf(a)).not.toBe(filterKeyOf(load("?course=c1&q=ana&invoice=none")));
  });
});
