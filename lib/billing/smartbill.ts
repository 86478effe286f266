import "server-only";
import { db } from "@/db";
import { createSmartBill, type SmartBill } from "@/lib/smartbill";

// One SmartBill client per process (its rate limiter state lives in PostgreSQL, shared by all processes).
const g = globalThis as typeof globalThis & { __bursarSmartBill?: SmartBill };

export function smartbill(): SmartBill {
  return (g.__bursarSmartBill ??= createSmartBill({ db }));
}
