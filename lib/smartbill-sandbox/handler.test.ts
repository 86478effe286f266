import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { sandboxAdmin } from "./admin";
import { DEMO_SMARTBILL } from "./demo";
import { createSandboxHandler } from "./handler";
import { DEMO_AUTH, invoiceBody, SCHOOL_CIF as SCHOOL } from "@/test/sandbox";

const APP = "http://bursar.test/api/smartbill-sandbox";

describe("the handler mounted under a prefix, as in the Next app", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await sandboxAdmin(db.sql).reset({ seedDemo: true });
  });
  afterAll(async () => {
    const g = globalThis as { __smartbillSandbox?: { sql: { end(o: object): Promise<void> } } };
    await g.__smartbillSandbox?.sql.end({ timeout: 1 });
    await db.drop();
  });

  const post = (handler: (r: Request) => Promise<Response>, body: unknown) =>
    handler(
      new Request(`${APP}/SBORO/api/invoice/v2`, {
        method: "POST",
        headers: { authorization: DEMO_AUTH, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );

  it("serves the API and document links below the mount prefix", async () => {
    const handler = createSandboxHandler({ sql: db.sql });
    const res = await post(handler, invoiceBody());
    const body = (await res.json()) as { documentViewUrl: string; documentUrl: string };
    expect(body.documentViewUrl.startsWith(`${APP}/SBORO/documente/extern/pf/factura/`)).toBe(true);
    const view = await handler(new Request(body.documentViewUrl));
    expect(view.headers.get("content-type")).toBe("application/pdf");
    const edit = await handler(new Request(body.documentUrl, { headers: { authorization: DEMO_AUTH } }));
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain("Factura BRS0001");
    const log = await sandboxAdmin(db.sql).readCallLog({ account: DEMO_SMARTBILL.email });
    expect(log.at(-1)).toMatchObject({ path: "/invoice/v2", status: 200 });
    const shape = await post(handler, { zzz: 1 });
    expect(await shape.json()).toMatchObject({ instance: "/SBORO/api/invoice/v2", errors: [{ param: "zzz" }] });
  });

  it("stands in for a dropped connection with a long delay where sockets are out of reach", async () => {
    const handler = createSandboxHandler({ sql: db.sql, dropFallbackMs: 300 });
    await sandboxAdmin(db.sql).addFault({ account: DEMO_SMARTBILL.email, kind: "drop_after_store", path: "/invoice/v2" });
    const t = Date.now();
    const res = await post(handler, invoiceBody());
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    expect(handler.shouldDrop(res)).toBe(false);
    expect(((await res.json()) as { number: string }).number).toBe("0002");
  });

  it("is mounted by the app route unless SMARTBILL_SANDBOX=off", async () => {
    const saved = { ...process.env };
    process.env.DATABASE_URL = db.url;
    try {
      const route = await import("../../app/api/smartbill-sandbox/[...path]/route");
      expect(route.dynamic).toBe("force-dynamic");
      const req = () => new Request(`${APP}/SBORO/api/series?cif=${SCHOOL}`, { headers: { authorization: DEMO_AUTH } });
      const on = await route.GET(req());
      expect(on.status).toBe(200);
      process.env.SMARTBILL_SANDBOX = "off";
      expect((await route.GET(req())).status).toBe(404);
      delete process.env.SMARTBILL_SANDBOX;
      // Production without an explicit choice has no public sandbox; SMARTBILL_SANDBOX=on brings it back.
      (process.env as Record<string, string>).NODE_ENV = "production";
      expect((await route.GET(req())).status).toBe(404);
      process.env.SMARTBILL_SANDBOX = "on";
      expect((await route.GET(req())).status).toBe(200);
      (process.env as Record<string, string>).NODE_ENV = "test";
      delete process.env.SMARTBILL_SANDBOX;
      const control = await route.POST(new Request(`${APP}/__control/list-invoices`, { method: "POST", headers: { "x-sandbox-control-key": "x" } }));
      expect(control.status).toBe(404);
    } finally {
      process.env = saved;
    }
  });
});
