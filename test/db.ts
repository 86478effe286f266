// The database part of the test kit: every test file clones its own database from the migrated template
// (test/global-setup.ts), in ~50 ms.
//   const t = await createTestDb();               // t.db (drizzle), t.sql (postgres.js), t.url
//   const t = await createTestDb({ app: true });  // also what the app's own `db` (db/index.ts) uses
//   afterAll(() => t.drop());
import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type DbHandle } from "../db/client";

export interface TestDb extends DbHandle {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * `app: true` is for tests that call server actions or use-cases that import `@/db`: it points
 * DATABASE_URL at this database (before the app's pool opens) and drop() closes that pool too.
 */
export async function createTestDb(opts: { app?: boolean } = {}): Promise<TestDb> {
  const name = `t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`create database "${name}" template "${inject("pgTemplate")}"`));
  const u = new URL(inject("pgAdminUrl"));
  u.pathname = `/${name}`;
  const url = u.toString();
  if (opts.app) process.env.DATABASE_URL = url;
  const handle = createDb(url, { max: 5 });
  return {
    ...handle,
    url,
    async drop() {
      if (opts.app) {
        const { getDbHandle } = await import("../db");
        await getDbHandle().close();
      }
      await handle.close();
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
