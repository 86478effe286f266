import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SMARTBILL } from "./demo";
import { DEMO_AUTH, invoiceBody, SCHOOL_CIF as SCHOOL, startSandbox, type Sandbox } from "@/test/sandbox";

const account = DEMO_SMARTBILL.email;

describe("fault injection", () => {
  let s: Sandbox;
  const nextNumber = async () => {
    const body = (await (await s.call("GET", `/series?cif=${SCHOOL}&type=f`)).json()) as { list: { name: string; nextNumber: number }[] };
    return body.list.find((x) => x.name === "BRS")!.nextNumber;
  };
  const create = (signal?: AbortSignal) =>
    fetch(`${s.server.baseUrl}/invoice/v2`, {
      method: "POST",
      headers: { authorization: DEMO_AUTH, "content-type": "application/json" },
      body: JSON.stringify(invoiceBody()),
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
});
