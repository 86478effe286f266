// The SmartBill sandbox on its own port:  npm run sandbox:smartbill
// (with-db.ts sets DATABASE_URL). Env: SMARTBILL_SANDBOX_PORT (default 4010),
// SMARTBILL_SANDBOX_CONTROL_KEY (enables /__control/*), SMARTBILL_SANDBOX_PROVISION_KEY (enables
// /__provision, for an app pointed here with SMARTBILL_SANDBOX_URL and the same key).
import postgres from "postgres";
import { CONTROL_KEY_HEADER, DEMO_SMARTBILL, DEMO_SMARTBILL_NO_API, startSandboxServer } from "../lib/smartbill-sandbox";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run `npm run sandbox:smartbill`.");
  const port = Number(process.env.SMARTBILL_SANDBOX_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Bad SMARTBILL_SANDBOX_PORT: ${port}`);
  const controlKey = process.env.SMARTBILL_SANDBOX_CONTROL_KEY || undefined;
  const provisionKey = process.env.SMARTBILL_SANDBOX_PROVISION_KEY || undefined;

  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const server = await startSandboxServer({ sql, port, host: "127.0.0.1", controlKey, provisionKey });
  const d = DEMO_SMARTBILL;
  console.log(
    [
      "",
      `  SmartBill sandbox: ${server.baseUrl}`,
      `  Demo login ${d.email}  token ${d.token}`,
      `    ${d.company.cif} ${d.company.name} (VAT payer; series ${d.company.series.map((s) => s.name).join(", ")})`,
      `    ${d.club.cif} ${d.club.name} (not a VAT payer; series ${d.club.series.map((s) => s.name).join(", ")})`,
      `  No-API-access login ${DEMO_SMARTBILL_NO_API.email}  token ${DEMO_SMARTBILL_NO_API.token}`,
      controlKey
        ? `  Control API: ${server.origin}/__control/<op> (header ${CONTROL_KEY_HEADER})`
        : "  Control API: off (set SMARTBILL_SANDBOX_CONTROL_KEY to enable)",
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await sql.end({ timeout: 5 });
    process.exit(0);
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void stop());
}

main().catch((e: unknown) => {
  console.error(`[smartbill-sandbox] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
