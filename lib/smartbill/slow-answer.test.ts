// A slow SmartBill answer: once the request is on the wire and a second has passed without an answer,
// its rate-limit slot is narrowed to send + late arrival (it no longer holds the whole timeout).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_SMARTBILL } from "@/lib/smartbill-sandbox/demo";
import { startSandbox, type Sandbox } from "@/test/sandbox";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

const newest = async () => {
  const [row] = (await sandbox.db.db.execute(sql`
    select extract(epoch from latest_at - reserved_at) * 1000 as hold_ms, settled_at is not null as settled
    from smartbill_rate_calls order by id desc limit 1`)) as unknown as { hold_ms: number; settled: boolean }[];
  return { holdMs: Number(row!.hold_ms), settled: row!.settled };
};

it("narrows an unanswered call's slot a second after it was sent", async () => {
  const sb = sandbox.client({ timeoutMs: 10_000, rateLimit: { lateArrivalMs: 2_000 } });
  await sandbox.admin.addFault({ account: DEMO_SMARTBILL.email, kind: "latency", path: "/tax", method: "GET", count: 1, ms: 2_500 });
  const call = sb.taxes.list(sandbox.creds);
  await new Promise((r) => setTimeout(r, 300));
  // On the wire, not answered yet: held for slack + timeout + late arrival.
  expect(await newest()).toMatchObject({ settled: false });
  expect((await newest()).holdMs).toBeGreaterThan(10_000);
  await new Promise((r) => setTimeout(r, 1_500));
  const narrowed = await newest();
  expect(narrowed.settled).toBe(false);
  expect(narrowed.holdMs).toBeLessThan(3_000);
  await call;
  expect((await newest()).settled).toBe(true);
});
