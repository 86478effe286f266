// Invoices typed into SmartBill's own UI by someone at the school: they share the series' counter with
// the API, carry no Bursar mark, and are no API call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarks, markText, newMarkCode } from "@/lib/invoicing/engine/mark";
import { pdfText } from "@/lib/smartbill/pdf-text";
import { DEMO_SMARTBILL } from "./demo";
import { CLUB_CIF, invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

const account = DEMO_SMARTBILL.email;

describe("issueAsPerson", () => {
  let s: Sandbox;
  const nextNumber = async (cif = SCHOOL, series = "BRS") => {
    const body = (await (await s.call("GET", `/series?cif=${cif}&type=f`)).json()) as { list: { name: string; nextNumber: number }[] };
    return body.list.find((x) => x.name === series)!.nextNumber;
  };
  const pdfOf = async (cif: string, series: string, number: string) => {
    const res = await s.call("GET", `/invoice/pdf?cif=${cif}&seriesname=${series}&number=${number}`, { headers: { accept: "*/*" } });
    return pdfText(new Uint8Array(await res.arrayBuffer()));
  };

  beforeAll(async () => {
    s = await startSandbox();
  });
  afterAll(() => s.close());

  it("takes the series' next number with one line of the total asked for, and no mark", async () => {
    const before = await nextNumber();
    await s.mark();
    const inv = await s.admin.issueAsPerson({ cif: SCHOOL, seriesName: "BRS", totalBani: 12_100, clientName: "Ana Pop" });
    expect(inv).toMatchObject({
      cif: SCHOOL,
      seriesName: "BRS",
      number: String(before).padStart(4, "0"),
      isDraft: false,
      totalNet: 10_000,
      totalVat: 2_100,
      total: 12_100,
      paid: 0,
      mentions: null,
      client: { name: "Ana Pop", country: "Romania" },
    });
    expect(inv.lines).toHaveLength(1);
    expect(inv.lines[0]).toMatchObject({ quantity: 1, vatPercent: 21, gross: 12_100 });
    // Not an API call: nothing in the call log.
    expect(await s.calls()).toEqual([]);

    const text = await pdfOf(SCHOOL, "BRS", inv.number);
    expect(text).toContain("Ana Pop");
    expect(text).toContain("121.00 RON");
    expect(findMarks(text)).toEqual([]);
    // The API takes the number after it.
    const res = await s.call("POST", "/invoice/v2", { json: invoiceBody() });
    expect(await res.json()).toMatchObject({ number: String(before + 1).padStart(4, "0") });
  });

  it("defaults to 100.00 RON, bills a non-VAT payer without VAT, and prints mentions when given", async () => {
    const plain = await s.admin.issueAsPerson({ cif: SCHOOL, seriesName: "BRS" });
    expect(plain).toMatchObject({ total: 10_000, totalVat: 1_736, totalNet: 8_264 });

    const code = newMarkCode();
    const club = await s.admin.issueAsPerson({ cif: CLUB_CIF, seriesName: (await clubSeries())!, totalBani: 5_050, mentions: `Copiat\n${markText(code)}` });
    expect(club).toMatchObject({ total: 5_050, totalVat: 0, totalNet: 5_050 });
    expect(findMarks(await pdfOf(CLUB_CIF, club.seriesName, club.number))).toEqual([code]);
  });

  it("is not held back by the account's rate limit, nor counts against it", async () => {
    await s.admin.setRateLimit({ account, limit: 2 });
    try {
      for (let i = 0; i < 3; i++) await s.admin.issueAsPerson({ cif: SCHOOL, seriesName: "BRS" });
      expect((await s.call("GET", `/tax?cif=${SCHOOL}`)).status).toBe(200);
      expect((await s.call("GET", `/tax?cif=${SCHOOL}`)).status).toBe(200);
      expect((await s.call("GET", `/tax?cif=${SCHOOL}`)).status).toBe(429);
    } finally {
      await s.admin.setRateLimit({ account, limit: 100_000 });
    }
  });

  it("over the control API: the invoice, or 404 for an unknown company or series, 400 for bad input or no quota", async () => {
    const before = await nextNumber();
    const ok = await s.control("issue-as-person", { cif: SCHOOL, seriesName: "BRS", totalBani: 250 });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, result: { number: String(before).padStart(4, "0"), total: 250 } } });
    expect((await s.control("issue-as-person", { cif: "RO0", seriesName: "BRS" })).status).toBe(404);
    expect((await s.control("issue-as-person", { cif: SCHOOL, seriesName: "NOPE" })).status).toBe(404);
    expect((await s.control("issue-as-person", { cif: SCHOOL, seriesName: "BRS", totalBani: 0 })).status).toBe(400);
    expect((await s.control("issue-as-person", { cif: SCHOOL, seriesName: "BRS", extra: 1 })).status).toBe(400);
    await s.admin.setQuota({ cif: SCHOOL, remaining: 0 });
    const refused = await s.control("issue-as-person", { cif: SCHOOL, seriesName: "BRS" });
    expect(refused).toMatchObject({ status: 400, body: { error: "Pentru acest pachet s-a emis numarul maxim de documente permis" } });
    await s.admin.setQuota({ cif: SCHOOL, remaining: null });
    expect(await nextNumber()).toBe(before + 1);
  });

  async function clubSeries(): Promise<string | undefined> {
    const body = (await (await s.call("GET", `/series?cif=${CLUB_CIF}&type=f`)).json()) as { list: { name: string }[] };
    return body.list[0]?.name;
  }
});
