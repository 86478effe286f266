import { sql } from "drizzle-orm";
import { db } from "@/db";

export const dynamic = "force-dynamic";

// Used by Playwright's webServer and by uptime checks: 200 only when the database answers.
export async function GET() {
  const started = Date.now();
  try {
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: "up", latencyMs: Date.now() - started });
  } catch {
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
