// Per-file test database, cloned from the migrated template (fast: ~50 ms).
//   const t = await createTestDb();  ...  afterAll(() => t.drop());
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

export async function createTestDb(): Promise<TestDb> {
  const name = `t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`create database "${name}" template "${inject("pgTemplate")}"`));
  const u = new URL(inject("pgAdminUrl"));
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = createDb(url, { max: 5 });
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
