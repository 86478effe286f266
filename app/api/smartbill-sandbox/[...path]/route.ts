// The SmartBill sandbox inside the app: base URL `${origin}/api/smartbill-sandbox/SBORO/api`.
// On when lib/sandbox says so (SMARTBILL_SANDBOX, off by default in production); the control API only
// with SMARTBILL_SANDBOX_CONTROL_KEY; per-school provisioning with the key the app derives (lib/sandbox).
import postgres from "postgres";
import { isSandboxEnabled, sandboxProvisionKey } from "@/lib/sandbox";
import { env } from "@/lib/env";
import { createSandboxHandler, type SandboxHandler } from "@/lib/smartbill-sandbox/handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// One pool per process, kept on globalThis so dev hot-reload does not open a new one each time. The
// sandbox stands in for an external service, so it has a pool of its own rather than the app's.
const g = globalThis as typeof globalThis & {
  __smartbillSandbox?: { sql: postgres.Sql; handler: SandboxHandler; keys: string };
};

function sandbox(): SandboxHandler | undefined {
  if (!isSandboxEnabled()) return undefined;
  const controlKey = env().SMARTBILL_SANDBOX_CONTROL_KEY;
  const provisionKey = sandboxProvisionKey();
  const keys = JSON.stringify([controlKey, provisionKey]);
  if (!g.__smartbillSandbox || g.__smartbillSandbox.keys !== keys) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the SmartBill sandbox stores its data in PostgreSQL.");
    const sql = g.__smartbillSandbox?.sql ?? postgres(url, { max: 5, onnotice: () => {} });
    g.__smartbillSandbox = { sql, keys, handler: createSandboxHandler({ sql, controlKey, provisionKey }) };
  }
  return g.__smartbillSandbox.handler;
}

async function handle(req: Request): Promise<Response> {
  const handler = sandbox();
  if (!handler) return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } });
  return handler(req);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
