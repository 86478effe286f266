import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { registrations } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { invoicedBani } from "../requests/shared";

/** What is left to invoice on a registration (price − requests not failed or cancelled), without locking. */
export async function uninvoicedBani(db: Executor, orgId: string, registrationId: string): Promise<number> {
  const [r] = await db.select({ price: registrations.priceBani, status: registrations.status }).from(registrations).where(and(eq(registrations.orgId, orgId), eq(registrations.id, registrationId)));
  if (!r) throw new AppError("not_found", "invoicing.errors.registrationNotFound");
  if (r.status === "cancelled") throw new AppError("conflict", "invoicing.errors.registrationCancelled");
  return r.price - (await invoicedBani(db, orgId, registrationId));
}
