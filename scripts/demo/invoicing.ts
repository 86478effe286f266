// The demo school connected to the built-in sandbox's demo SmartBill account and already invoicing
// (issue 10), so staff see badges, an invoice history, a failed invoice to retry and an invoice in doubt
// with what Bursar read (issue 15) as soon as the app starts. Runs only with the sandbox on, once: it does nothing when the school is already connected.
// Seed-time SmartBill calls go to a sandbox server started here on a free port (the app is not up
// yet); both answer from the same PostgreSQL schema, and the connection stored points at the app's own
// sandbox route, where every later call goes.
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { getActiveConnection, updateConnection } from "../../db/queries/smartbill-connections";
import { markStepCompleted, updateSetupProgress } from "../../db/queries/setup-progress";
import { billingProfiles, memberships, registrations, SETUP_STEPS, users } from "../../db/schema";
import { saveConnection, verifyCredentials } from "../../lib/billing/connection";
import { setDefaultVat, syncVatLevels } from "../../lib/billing/vat";
import type { InvoicingDeps } from "../../lib/invoicing/deps";
import { drainSeries } from "../../lib/invoicing/engine/drain";
import { reconcileRequest } from "../../lib/invoicing/engine/reconcile";
import { createManualRequest } from "../../lib/invoicing/requests/manual";
import { sandboxBaseUrl } from "../../lib/sandbox";
import { createSmartBill } from "../../lib/smartbill";
import { createSmartBillLogger } from "../../lib/smartbill/log";
import { addFault } from "../../lib/smartbill-sandbox/admin-config";
import { issueAsPerson, settle } from "../../lib/smartbill-sandbox/admin-external";
import type { Sql } from "../../lib/smartbill-sandbox/db";
import { DEMO_SMARTBILL } from "../../lib/smartbill-sandbox/demo";
import { startSandboxServer } from "../../lib/smartbill-sandbox/server";

/** Paid registrations invoiced at seed time (the shared limiter allows ~3 creates a second: a few seconds). */
const ISSUED = 24;

export async function seedDemoInvoicing(db: Database, sql: Sql, orgId: string): Promise<"seeded" | "skipped"> {
  if (await getActiveConnection(db, orgId)) return "skipped";
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")))
    .limit(1);
  if (!admin) return "skipped";

  const sandbox = await startSandboxServer({ sql, seedDemo: true });
  try {
    // Quiet: the seed's calls (and the one SmartBill 500 it provokes on purpose) are not news at start-up.
    const sb = createSmartBill({ db, logger: createSmartBillLogger("silent") });
    const runtime = { username: DEMO_SMARTBILL.email, token: DEMO_SMARTBILL.token, cif: DEMO_SMARTBILL.company.cif, baseUrl: sandboxBaseUrl() };
    const seedTime = { ...runtime, baseUrl: sandbox.baseUrl };
    // Verified live like the wizard's step 1; stored pointing at the seed's server until the end.
    const verified = await verifyCredentials(sb, seedTime);
    const connection = await saveConnection(db, { orgId, actorUserId: admin.id, creds: seedTime, isSandbox: true, verified });
    await syncVatLevels(db, { orgId, actorUserId: admin.id }, sb);
    const profiles = await db.select().from(billingProfiles).where(eq(billingProfiles.orgId, orgId));
    for (const p of profiles) await setDefaultVat(db, { orgId, actorUserId: admin.id, profileId: p.id, vatName: "Normala" });
    for (const [i, step] of SETUP_STEPS.entries()) await markStepCompleted(db, orgId, step, SETUP_STEPS[i + 1] ?? step);
    await updateSetupProgress(db, orgId, { finishedAt: new Date() });

    // Invoices for the first paid registrations (a stable choice: by reference).
    const paid = await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.orgId, orgId), eq(registrations.status, "active"), inArray(registrations.paymentStatus, ["paid", "overpaid"])))
      .orderBy(asc(registrations.reference))
      .limit(ISSUED + 2);
    for (const r of paid.slice(0, ISSUED)) {
      await createManualRequest(db, { orgId, actorUserId: admin.id, registrationId: r.id, clientRequestId: randomUUID() });
    }
    const deps: InvoicingDeps = { db, sb, reconcileGraceMs: 0 };
    for (const p of profiles) await drainUntilEmpty(deps, orgId, p.cif, p.seriesName);

    const [refused, lost] = paid.slice(ISSUED, ISSUED + 2);
    // One refusal for the failed-invoices view and its Retry: SmartBill's own text is kept beside Bursar's words.
    if (refused) {
      await addFault(sql, { account: DEMO_SMARTBILL.email, kind: "error_text_200", path: "/invoice/v2", method: "POST", errorText: "Serviciul este temporar indisponibil. Va rugam reincercati.", count: 1 });
      await createManualRequest(db, { orgId, actorUserId: admin.id, registrationId: refused.id, clientRequestId: randomUUID() });
      for (const p of profiles) await drainUntilEmpty(deps, orgId, p.cif, p.seriesName);
    }
    // One answer lost while a colleague issued the same amount in the same series, for /invoices/reconcile:
    // SmartBill stored Bursar's invoice but answered a 500 page; a person then issued in SmartBill's own
    // screens; Bursar's own document could not be read at the check (a 502), so a person decides, with
    // what was read (the colleague's invoice carries no Bursar mark). "Check again" then links it.
    if (lost) {
      await addFault(sql, { account: DEMO_SMARTBILL.email, kind: "late_commit", path: "/invoice/v2", method: "POST", ms: 50, count: 1 });
      const { request } = await createManualRequest(db, { orgId, actorUserId: admin.id, registrationId: lost.id, clientRequestId: randomUUID() });
      const inDoubt = await drainUntilEmpty(deps, orgId, request.companyCif, request.seriesName);
      await settle(sql, { now: true });
      await issueAsPerson(sql, { cif: request.companyCif, seriesName: request.seriesName, totalBani: request.totalBani, clientName: "Client introdus in SmartBill" });
      await addFault(sql, { account: DEMO_SMARTBILL.email, kind: "status", path: "/invoice/pdf", method: "GET", status: 502, body: "<html><body>502 Bad Gateway</body></html>", contentType: "text/html", count: 1 });
      for (const id of inDoubt) await reconcileRequest(deps, orgId, id);
    }
    // From here on the app's own sandbox route answers.
    await updateConnection(db, orgId, connection.id, { baseUrl: runtime.baseUrl });
    return "seeded";
  } finally {
    await sandbox.close();
  }

  /** Drains a series; returns the requests left in doubt. */
  async function drainUntilEmpty(deps: InvoicingDeps, org: string, cif: string, series: string | null): Promise<string[]> {
    const inDoubt: string[] = [];
    for (let i = 0; series && i < 10; i++) {
      const r = await drainSeries(deps, org, cif, series);
      inDoubt.push(...r.inDoubt);
      if (!r.more) break;
    }
    return inDoubt;
  }
}
