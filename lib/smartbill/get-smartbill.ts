import "server-only";
import { db } from "@/db";
import { createSmartBill, type SmartBill } from "./index";

// One SmartBill client per process (its rate limiter state lives in PostgreSQL, shared by all processes).
// Kept apart from index.ts so scripts and tests can build their own client without the app's database.
const g = globalThis as typeof globalThis & { __bursarSmartBill?: SmartBill };

export function getSmartBill(): SmartBill {
  return (g.__bursarSmartBill ??= createSmartBill({ db }));
}
