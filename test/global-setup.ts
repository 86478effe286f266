// One PostgreSQL for the whole run: embedded (default) or TEST_DATABASE_URL's server. Migrations are
// applied once to a template database; every test file clones its own database from it (test/db.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPg } from "../scripts/embedded-pg";
import { runMigrations } from "../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

const TEMPLATE = `bursar_template_${process.pid}`;

function sweepStaleDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith("vitest-pg-")) continue;
    const dir = path.join(os.tmpdir(), name);
    const lock = `${dir}/data.lock`;
    const pid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, "utf8")) : 0;
    let alive = false;
    try {
      if (pid) process.kill(pid, 0);
      alive = !!pid;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  let server: EmbeddedPg | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    sweepStaleDirs();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vitest-pg-"));
    fs.chmodSync(dir, 0o755); // the postgres OS user must traverse it when we run as root
    server = await startEmbeddedPostgres({
      dataDir: path.join(dir, "data"),
      port: 0,
      database: "postgres",
      persistent: false,
      fast: true,
    });
    adminUrl = server.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${TEMPLATE}" with (force)`);
  await admin.query(`create database "${TEMPLATE}"`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await runMigrations(templateUrl.toString());
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", TEMPLATE);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists "${TEMPLATE}" with (force)`);
    await c.end();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
