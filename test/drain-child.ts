// A drainer in a process of its own, for the "worker killed mid-issue" test: drains one series and
// prints the result as one JSON line. The parent SIGKILLs it while SmartBill holds the answer.
//   DRAIN='{"orgId":…,"cif":…,"series":…,"createTimeoutMs":…,"leaseMarginMs":…}' DATABASE_URL=… BURSAR_ENCRYPTION_KEY=…
//   node --conditions=react-server --import tsx test/drain-child.ts
import { createDb } from "../db/client";
import { drainSeries } from "../lib/invoicing/engine/drain";
import { createSmartBill, createSmartBillLogger, loadSmartBillConfig } from "../lib/smartbill";

const spec = JSON.parse(process.env.DRAIN!) as { orgId: string; cif: string; series: string; createTimeoutMs: number; leaseMarginMs: number };
const h = createDb(process.env.DATABASE_URL!, { max: 2 });
const config = loadSmartBillConfig({}, { createTimeoutMs: spec.createTimeoutMs, timeoutMs: 2_000, maxWaitMs: 1_000, rateLimit: { limit: 100_000, windowMs: 10_000 } });
const sb = createSmartBill({ db: h.db, config, logger: createSmartBillLogger("silent") });
process.stdout.write("started\n");
const result = await drainSeries({ db: h.db, sb, slotWaitMs: 1_000, leaseMarginMs: spec.leaseMarginMs }, spec.orgId, spec.cif, spec.series);
process.stdout.write(`${JSON.stringify(result)}\n`);
await h.close();
