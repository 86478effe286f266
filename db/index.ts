import "server-only";
import { createDb, type Database, type DbHandle } from "./client";

// One pool per process, kept on globalThis so dev hot-reload does not open a new one each time.
const g = globalThis as typeof globalThis & { __bursarDb?: DbHandle };

export function getDbHandle(): DbHandle {
  if (!g.__bursarDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. Start Bursar with `npm run dev` or `npm start`, which boot an embedded PostgreSQL when it is unset.",
      );
    }
    g.__bursarDb = createDb(url);
  }
  return g.__bursarDb;
}

// Lazy: `next build` imports this module without a database.
export const db: Database = new Proxy({} as Database, {
  get(_t, prop) {
    const real = getDbHandle().db as unknown as Record<string | symbol, unknown>;
    const v = real[prop];
    return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(real) : v;
  },
});

export type { Database, Executor, Transaction } from "./client";
