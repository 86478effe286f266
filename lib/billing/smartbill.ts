import "server-only";
import { db } from "@/db";
import { createSmartBill, type SmartBill } from "@/lib/smartbill";

// One SmartBill client per process (its rate limiter state lives in PostgreSQL, shared by all processes).
const g = globalThis as typeof globalThis & { __bursarSmartBill?: SmartBill };

export function smartbill(): SmartBill {
  return (g.__bursarSmartBill ??= createSmartBill({ db }));
}

/** Where the built-in sandbox answers: this app, over HTTP, like the real SmartBill. */
export function sandboxBaseUrl(): string {
  if (process.env.SMARTBILL_SANDBOX_URL) return process.env.SMARTBILL_SANDBOX_URL;
  const internal = process.env.BURSAR_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  return `${internal.replace(/\/+$/, "")}/api/smartbill-sandbox/SBORO/api`;
}
