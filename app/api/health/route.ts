import { db } from "@/db";
import { pingDatabase } from "@/db/queries/health";

export const dynamic = "force-dynamic";

// Used by Playwright's webServer and by uptime checks: 200 only when the database answers.
export async function GET() {
  const started = Date.now();
  try {
    await pingDatabase(db);
    return Response.json({ status: "ok", database: "up", latencyMs: Date.now() - started });
  } catch {
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
