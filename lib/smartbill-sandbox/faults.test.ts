import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarks, newMarkCode, withMark } from "@/lib/invoicing/engine/mark";
import { pdfText } from "@/lib/smartbill/pdf-text";
import { DEMO_SMARTBILL } from "./demo";
import { createSandboxHandler } from "./handler";
import { DEMO_AUTH, invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

const account = DEMO_SMARTBILL.email;

describe("fault injection", () => {
  let s: Sandbox;
  const nextNumber = async () => {
    const body = (await (await s.call("GET", `/series?cif=${SCHOOL}&type=f`)).json()) as { list: { name: string; nextNumber: number }[] };
    return body.list.find((x) => x.name === "BRS")!.nextNumber;
  };
  const create = (signal?: AbortSignal, body: Record<string, unknown> = invoiceBody(), path = "/invoice/v2") =>
    fetch(`${s.server.baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: DEMO_AUTH, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });

  beforeAll(async () => {
    s = await startSandbox();
    await s.admin.setRateLimit({ account, limit: 10_000 });
  });
  afterAll(() => s.close());

  it("delays a matching call (latency), as many times as queued, matching method and path", async () => {
    await s.admin.addFault({ account, kind: "latency", path: "/tax", method: "GET", count: 2, ms: 250 });
    await s.admin.addFault({ account, kind: "html_500", path: "/tax", method: "POST" });
    for (const slow of [true, true, false]) {
      const t = Date.now();
      const res = await s.call("GET", `/tax?cif=${SCHOOL}`);
      expect(res.status).toBe(200);
      expect(Date.now() - t >= 240).toBe(slow);
    }
    expect(await s.admin.listFaults({ account })).toMatchObject([{ kind: "html_500", remaining: 1 }]);
    await s.admin.clearFaults({ account });
    expect(await s.admin.listFaults()).toEqual([]);
  });

  it("fails before storing: html_500, error_text_200, status", async () => {
    const before = await nextNumber();
    await s.admin.addFault({ account, kind: "html_500", path: "/invoice/v2" });
    const html = await create();
    expect(html.status).toBe(500);
    expect(html.headers.get("content-type")).toContain("text/html");

    await s.admin.addFault({ account, kind: "error_text_200", path: "/SBORO/api/invoice/v2", errorText: "Eroare temporara." });
    const soft = await create();
    expect(soft.status).toBe(200);
    expect(await soft.json()).toMatchObject({ errorText: "Eroare temporara.", number: "", documentId: -1 });

    await s.admin.addFault({ account, kind: "status", path: "invoice/v2", status: 503, body: "<h1>Service Unavailable</h1>", contentType: "text/html" });
    const down = await create();
    expect(down.status).toBe(503);
    expect(await down.text()).toBe("<h1>Service Unavailable</h1>");
    expect(await nextNumber()).toBe(before);

    const log = await s.admin.readCallLog({ account, path: "/invoice/v2" });
    expect(log.slice(-3).map((e) => [e.status, e.fault])).toEqual([
      [500, "html_500"],
      [200, "error_text_200"],
      [503, "status"],
    ]);
  });

  it("stores the invoice, then answers too late (timeout_after_store)", async () => {
    const before = await nextNumber();
    await s.admin.addFault({ account, kind: "timeout_after_store", path: "/invoice/v2", ms: 5_000 });
    await expect(create(AbortSignal.timeout(300))).rejects.toThrow();
    expect(await nextNumber()).toBe(before + 1);
    const log = await s.admin.readCallLog({ account, path: "/invoice/v2" });
    expect(log.at(-1)).toMatchObject({ status: 200, fault: "timeout_after_store" });
  });

  it("stores the invoice, then drops the connection (drop_after_store)", async () => {
    const before = await nextNumber();
    await s.admin.addFault({ account, kind: "drop_after_store", path: "/invoice/v2" });
    await expect(create()).rejects.toThrow();
    expect(await nextNumber()).toBe(before + 1);
    const stored = await s.admin.listInvoices({ cif: SCHOOL, seriesName: "BRS" });
    expect(stored.at(-1)!.number).toBe(String(before).padStart(4, "0"));
    expect((await create()).status).toBe(200);
  });

  it("answers an HTML 500 at once and stores the invoice later, mark and all (late_commit)", async () => {
    const before = await nextNumber();
    const afterId = (await s.admin.readCallLog({ account })).at(-1)?.id ?? 0;
    const code = newMarkCode();
    await s.admin.addFault({ account, kind: "late_commit", path: "/invoice/v2", ms: 400 });
    const t = Date.now();
    const res = await create(undefined, invoiceBody({ mentions: withMark("Elev: Ana Pop", code) }));
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(Date.now() - t).toBeLessThan(350);
    expect(await nextNumber()).toBe(before);
    expect(await s.admin.pendingCommits({ account })).toMatchObject([{ method: "POST", path: "/invoice/v2" }]);

    const number = String(before).padStart(4, "0");
    expect(await s.admin.settle({ account })).toMatchObject([{ status: 200, body: { number, series: "BRS", errorText: "" } }]);
    expect(Date.now() - t).toBeGreaterThanOrEqual(390);
    expect(await s.admin.pendingCommits()).toEqual([]);
    expect(await nextNumber()).toBe(before + 1);
    const stored = (await s.admin.listInvoices({ cif: SCHOOL, seriesName: "BRS" })).at(-1)!;
    expect(stored).toMatchObject({ number, total: 12100, mentions: `Elev: Ana Pop\nRef. Bursar ${code}` });
    const pdf = await s.call("GET", `/invoice/pdf?cif=${SCHOOL}&seriesname=BRS&number=${number}`, { headers: { accept: "*/*" } });
    expect(findMarks(await pdfText(new Uint8Array(await pdf.arrayBuffer())))).toEqual([code]);

    // One API call in the log, the failure the client saw: the commit itself is not a call.
    const log = await s.admin.readCallLog({ account, path: "/invoice/v2", afterId });
    expect(log.map((e) => [e.status, e.fault])).toEqual([[500, "late_commit"]]);
  });

  it("settles at once when asked, in the order the calls came, over the control API too; legacy POST /invoice alike", async () => {
    const before = await nextNumber();
    await s.admin.addFault({ account, kind: "late_commit", path: "/invoice", method: "POST", ms: 60_000 });
    await s.admin.addFault({ account, kind: "late_commit", path: "/invoice/v2", count: 2, ms: 60_000 });
    expect((await create(undefined, invoiceBody(), "/invoice")).status).toBe(500);
    expect((await create()).status).toBe(500);
    // A call that would have failed fails later, just as silently.
    expect((await create(undefined, invoiceBody({ seriesName: "NOPE" }))).status).toBe(500);
    const pending = await s.control("pending-commits", { account });
    expect(pending.body.result).toMatchObject([{ path: "/invoice" }, { path: "/invoice/v2" }, { path: "/invoice/v2" }]);
    expect(await nextNumber()).toBe(before);

    const settled = await s.control("settle", { account, now: true });
    const pad = (n: number) => String(n).padStart(4, "0");
    expect(settled.body.result).toMatchObject([
      { path: "/invoice", status: 200, body: { number: pad(before) } },
      { path: "/invoice/v2", status: 200, body: { number: pad(before + 1) } },
      { path: "/invoice/v2", status: 400, body: { errorText: expect.stringContaining("Seria nu a fost gasita") } },
    ]);
    expect(await nextNumber()).toBe(before + 2);
    expect((await s.control("pending-commits")).body.result).toEqual([]);
  });

  it("commits after the request ended in a bare handler too, as the app's route handler runs it", async () => {
    const before = await nextNumber();
    await s.admin.addFault({ account, kind: "late_commit", path: "/invoice/v2", ms: 100 });
    // Its own handler on the test's pool, mounted under the app's prefix; the request is aborted once answered.
    const handler = createSandboxHandler({ sql: s.db.sql });
    const gone = new AbortController();
    const res = await handler(
      new Request("http://bursar.test/api/smartbill-sandbox/SBORO/api/invoice/v2", {
        method: "POST",
        headers: { authorization: DEMO_AUTH, "content-type": "application/json" },
        body: JSON.stringify(invoiceBody()),
        signal: gone.signal,
      }),
    );
    expect(res.status).toBe(500);
    gone.abort();
    await expect.poll(nextNumber, { timeout: 5_000, interval: 50 }).toBe(before + 1);
    await s.admin.settle();
    expect(await s.admin.pendingCommits()).toEqual([]);
  });
});
