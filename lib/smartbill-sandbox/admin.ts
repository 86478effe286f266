// The control operations as plain functions, for in-process use (tests, the seed, the bench), and the
// table the HTTP control API dispatches on.
import type { z } from "zod";
import * as C from "./admin-config";
import { resetInput } from "./admin-schemas";
import * as E from "./admin-external";
import type { Sql } from "./db";
import { seedSandboxDemo } from "./demo";
import { ensureSandboxSchema } from "./schema";

export { SandboxAdminError } from "./admin-config";
export type { InvoiceView } from "./admin-external";
export type { LateCommitResult, LateCommitView } from "./faults";

type Rest<F> = F extends (sql: Sql, ...rest: infer R) => unknown ? R : never;

export function sandboxAdmin(sql: Sql, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  const ready = () => ensureSandboxSchema(sql);
  // Binds an operation to this pool, keeping its input type (and whether the input is optional).
  const op =
    <F extends (sql: Sql, ...rest: never[]) => Promise<unknown>>(fn: F) =>
    async (...args: Rest<F>): Promise<Awaited<ReturnType<F>>> => {
      await ready();
      const call = fn as unknown as (sql: Sql, ...rest: unknown[]) => Promise<Awaited<ReturnType<F>>>;
      return call(sql, ...args);
    };
  return {
    /** Empties the sandbox; with seedDemo, puts the demo accounts back. */
    async reset(input: z.input<typeof resetInput> = {}): Promise<void> {
      const { seedDemo } = resetInput.parse(input ?? {});
      await ready();
      await C.wipe(sql);
      if (seedDemo) await seedSandboxDemo(sql);
    },
    seedDemo: () => seedSandboxDemo(sql),
    upsertAccount: op(C.upsertAccount),
    upsertCompany: op(C.upsertCompany),
    upsertSeries: op(C.upsertSeries),
    setTaxes: op(C.setTaxes),
    setRateLimit: op(C.setRateLimit),
    resetRateLimit: op(C.resetRateLimit),
    addFault: op(C.addFault),
    clearFaults: op(C.clearFaults),
    listFaults: op(C.listFaults),
    cancelInvoice: op(E.cancelInvoice),
    restoreInvoice: op(E.restoreInvoice),
    deleteInvoice: op(E.deleteInvoice),
    markPaid: async (input: Rest<typeof E.markInvoicePaid>[0]) => {
      await ready();
      return E.markInvoicePaid(sql, input, now());
    },
    setNextNumber: op(E.setNextNumber),
    issueAsPerson: async (input: Rest<typeof E.issueAsPerson>[0]) => {
      await ready();
      return E.issueAsPerson(sql, input, now());
    },
    pendingCommits: op(E.pendingCommits),
    settle: op(E.settle),
    setQuota: op(E.setQuota),
    listInvoices: op(E.listInvoices),
    listPayments: op(E.listPayments),
    listEmails: op(E.listEmails),
    readCallLog: op(E.readCallLog),
    clearCallLog: async () => {
      await ready();
      await E.clearCallLog(sql);
    },
  };
}

export type SandboxAdmin = ReturnType<typeof sandboxAdmin>;

/** Control API op name (kebab-case) → admin method. */
export const CONTROL_OPS: Record<string, keyof SandboxAdmin> = {
  reset: "reset",
  "seed-demo": "seedDemo",
  "upsert-account": "upsertAccount",
  "upsert-company": "upsertCompany",
  "upsert-series": "upsertSeries",
  "set-taxes": "setTaxes",
  "set-rate-limit": "setRateLimit",
  "reset-rate-limit": "resetRateLimit",
  "add-fault": "addFault",
  "clear-faults": "clearFaults",
  "list-faults": "listFaults",
  "cancel-invoice": "cancelInvoice",
  "restore-invoice": "restoreInvoice",
  "delete-invoice": "deleteInvoice",
  "mark-paid": "markPaid",
  "set-next-number": "setNextNumber",
  "issue-as-person": "issueAsPerson",
  "pending-commits": "pendingCommits",
  settle: "settle",
  "set-quota": "setQuota",
  "list-invoices": "listInvoices",
  "list-payments": "listPayments",
  "list-emails": "listEmails",
  "call-log": "readCallLog",
  "clear-call-log": "clearCallLog",
};
