// The API token is a full-account secret: it must not appear in any log line, error, serialised or
// inspected object, or database row, whatever happens during a call.
import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSmartBillConfig } from "./config";
import { startSandbox, type Sandbox } from "@/test/sandbox";
import { SmartBillConnection } from "./credentials";
import { createSmartBill } from "./index";
import { createSmartBillLogger, formatLogRecord } from "./log";

let h: Sandbox;
beforeAll(async () => {
  h = await startSandbox();
});
afterAll(() => h.close());

const TOKEN = "sandbox-demo-token-2026";
const forms = (token: string, user: string) => [token, Buffer.from(`${user}:${token}`).toString("base64"), encodeURIComponent(token)];

function everything(e: unknown): string {
  const own = e && typeof e === "object" ? Object.getOwnPropertyNames(e).map((k) => String((e as Record<string, unknown>)[k])) : [];
  return [JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), String(e), (e as Error)?.stack ?? "", ...own].join("\n");
}

describe("the token never leaks", () => {
  it("through logs, errors or the limiter's tables across a run full of failures", async () => {
    expect(h.creds.token).toBe(TOKEN);
    const printed: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" "))),
    );
    // The production logger (console sink) at its most verbose.
    const config = loadSmartBillConfig({}, { ...h.sb.config, logLevel: "debug", createTimeoutMs: 300, timeoutMs: 300, retryBaseMs: 5 });
    const sb = createSmartBill({ db: h.db.db, config, logger: createSmartBillLogger("debug") });
    const wrong = { ...h.creds, token: "wrong-token-1234567" };
    const fault = (kind: "html_500" | "timeout_after_store" | "drop_after_store" | "error_text_200", path: string) =>
      h.admin.addFault({ account: h.creds.username, kind, path, ms: 1_000, errorText: `echo ${TOKEN}` });
    const product = { name: "Taxa", quantity: 1, price: 10, measuringUnitName: "buc", taxName: "Normala", taxPercentage: 21 };
    const inv = { seriesName: "BRS", client: { name: "Ion", country: "Romania" }, products: [product] };

    const errors: unknown[] = [];
    const attempt = async (p: Promise<unknown>) => p.catch((e: unknown) => void errors.push(e));
    await attempt(sb.series.list(h.creds));
    await attempt(sb.taxes.list(wrong));
    await attempt(sb.series.list({ ...h.creds, cif: "RO1" }));
    await attempt(sb.invoices.create(h.creds, inv));
    await fault("html_500", "/invoice/v2");
    await attempt(sb.invoices.create(h.creds, inv));
    await fault("timeout_after_store", "/invoice/v2");
    await attempt(sb.invoices.create(h.creds, inv));
    await fault("drop_after_store", "/invoice/v2");
    await attempt(sb.invoices.create(h.creds, inv));
    // SmartBill echoing the token back in an error text.
    await fault("error_text_200", "/series");
    await attempt(sb.series.list(h.creds));
    await attempt(sb.invoices.create(h.creds, { ...inv, seriesName: "NOPE" }));
    await attempt(sb.series.list({ ...h.creds, baseUrl: "http://127.0.0.1:9/SBORO/api" }));
    await attempt(sb.series.list({ ...h.creds, baseUrl: "http://evil.example.com/SBORO/api" }));
    await attempt(sb.series.list({ ...h.creds, cif: `${TOKEN}` }));
    for (const s of spies) s.mockRestore();

    expect(errors.length).toBeGreaterThanOrEqual(9);
    expect(printed.length).toBeGreaterThan(10);
    const rows = await h.db.db.execute(sql`select row_to_json(c)::text as j from smartbill_rate_calls c
      union all select row_to_json(s)::text from smartbill_rate_state s`);
    const haystack = [...printed, ...errors.map(everything), JSON.stringify(rows)].join("\n");
    for (const secret of [...forms(TOKEN, h.creds.username), ...forms(wrong.token, h.creds.username)]) {
      expect(haystack).not.toContain(secret);
    }
    expect(printed.join("\n")).toContain("[redacted]");
  });

  it("a connection shows no token when logged, serialised or inspected", () => {
    const c = new SmartBillConnection(h.creds, "https://ws.smartbill.ro/SBORO/api");
    for (const text of [JSON.stringify(c), inspect(c, { showHidden: true, depth: 5 }), String(c), JSON.stringify({ c })]) {
      for (const secret of forms(TOKEN, h.creds.username)) expect(text).not.toContain(secret);
    }
    expect(c.tokenKey).toMatch(/^[0-9a-f]{64}$/);
    expect(c.authorizationHeader()).toMatch(/^Basic /);
  });

  it("the log formatter drops secret-looking keys and scrubs known secrets anywhere", () => {
    const line = formatLogRecord(
      { event: "x", token: "abc", headers: { Authorization: "Basic Zm9v" }, nested: [{ note: `see ${TOKEN}` }] },
      [TOKEN],
    );
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain("Zm9v");
    expect(line).not.toContain('"abc"');
  });
});
