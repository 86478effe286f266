// A staff member's manual issue while an accountant downloads sixty PDFs at once (issue 16, N9), at
// SmartBill's REAL limit (30 calls / 10 s, the client's limiter at its production setting), every
// SmartBill answer +300 ms. Prints the manual issue's time from Issue to issued alone and during the
// downloads (target ≤ 2 s), and how long the downloads took. No assertions. ~1.5 minutes.
//   npm run bench:priority
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Database } from "../db/client";
import { runMigrations } from "../db/migrate";
import { memberships, users } from "../db/schema";
import { drainSeries } from "../lib/invoicing/engine/drain";
import { getIssuedInvoicePdf } from "../lib/invoicing/documents/pdf";
import { createBulkRequests } from "../lib/invoicing/requests/bulk";
import { createManualRequest } from "../lib/invoicing/requests/manual";
import { createSmartBill, loadSmartBillConfig, type SmartBill } from "../lib/smartbill";
import { sandboxAdmin } from "../lib/smartbill-sandbox/admin";
import { DEMO_SMARTBILL } from "../lib/smartbill-sandbox/demo";
import { startSandboxServer } from "../lib/smartbill-sandbox/server";
import { startEmbeddedPostgres } from "./embedded-pg";
import { createIssueSchool, type IssueSchool } from "./issue-fixture";

const DOWNLOADS = 60;
const SINGLES = 3;
const CIF = DEMO_SMARTBILL.company.cif;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function manualIssue(db: Database, sb: SmartBill, school: IssueSchool, registrationId: string): Promise<number> {
  const clicked = Date.now();
  const { request } = await createManualRequest(db, { orgId: school.orgId, actorUserId: school.staffId, registrationId, clientRequestId: randomUUID() });
  const r = await drainSeries({ db, sb }, school.orgId, CIF, request.seriesName);
  if (!r.issued.includes(request.id)) throw new Error(`manual issue not issued: ${JSON.stringify(r)}`);
  return Date.now() - clicked;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-priority-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0, database: "bench", persistent: false, fast: true });
  const url = await pg.createDatabase("bench_priority");
  await runMigrations(url);
  const h = createDb(url, { max: 10 });
  const server = await startSandboxServer({ databaseUrl: url });
  try {
    const admin = sandboxAdmin(h.sql);
    await admin.reset({ seedDemo: true }); // the demo account: SmartBill's 30 calls / 10 s
    await admin.addFault({ account: DEMO_SMARTBILL.email, kind: "latency", path: "*", ms: 300, count: 1_000_000 });
    const school = await createIssueSchool(h.db, { baseUrl: server.baseUrl, count: DOWNLOADS + 2 * SINGLES, series: ["BRS"], name: "Bench priority" });
    const sb = createSmartBill({ db: h.db, config: loadSmartBillConfig({}, { logLevel: "error" }) });
    const [u] = await h.db.insert(users).values({ email: `accountant-${randomUUID()}@school.test`, name: "Accountant", passwordHash: "x" }).returning();
    await h.db.insert(memberships).values({ orgId: school.orgId, userId: u!.id, role: "accountant" });
    const toDownload = school.registrations.slice(0, DOWNLOADS).map((r) => r.id);
    const batch = await createBulkRequests(h.db, { orgId: school.orgId, actorUserId: school.staffId, clientBatchId: randomUUID(), selection: { ids: toDownload } });
    console.log(`bench:priority — issuing ${DOWNLOADS} invoices to download (SmartBill's limit, +300 ms per answer)…`);
    for (let r = await drainSeries({ db: h.db, sb }, school.orgId, CIF, "BRS"); r.more || r.stopped !== "empty"; r = await drainSeries({ db: h.db, sb }, school.orgId, CIF, "BRS")) {
      if (r.retryAt) await new Promise((res) => setTimeout(res, Math.max(0, r.retryAt!.getTime() - Date.now())));
    }
    const ids = (await h.sql`select id from invoice_requests where org_id = ${school.orgId} and batch_id = ${batch.batch.id} and status = 'issued'`).map((x) => x.id as string);
    // Let the window empty, so both phases start from the same budget.
    await new Promise((r) => setTimeout(r, 11_000));

    const singles = school.registrations.slice(DOWNLOADS).map((r) => r.id);
    const alone: number[] = [];
    for (const id of singles.slice(0, SINGLES)) alone.push(await manualIssue(h.db, sb, school, id));
    await new Promise((r) => setTimeout(r, 11_000));

    const t0 = Date.now();
    let busy = 0;
    const downloads = Promise.all(
      ids.map(async (id) => {
        for (;;) {
          const r = await getIssuedInvoicePdf(h.db, school.orgId, id, { userId: u!.id, sb });
          if (r.ok) return Date.now() - t0;
          if (r.reason !== "busy") throw new Error(r.reason);
          // What the browser does with the 429: come back after Retry-After.
          busy++;
          await new Promise((res) => setTimeout(res, r.retryAfterSec * 1000));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const during: number[] = [];
    for (const id of singles.slice(SINGLES)) during.push(await manualIssue(h.db, sb, school, id));
    const done = await downloads;
    console.log(
      [
        `manual issue alone:            ${alone.join(", ")} ms (median ${median(alone)} ms)`,
        `manual issue during downloads: ${during.join(", ")} ms (median ${median(during)} ms, worst ${Math.max(...during)} ms; target ≤ 2000 ms)`,
        `${ids.length} parallel PDF downloads by one accountant: all in ${(Math.max(...done) / 1000).toFixed(1)} s (one SmartBill fetch at a time; "come back" answers ${busy})`,
      ].join("\n"),
    );
  } finally {
    await server.close();
    await h.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
