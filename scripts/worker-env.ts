// How `npm run worker` finds the app's database and secrets when started next to `npm run dev`/`npm start`:
// DATABASE_URL when set; otherwise the embedded PostgreSQL the app's launcher (scripts/with-db.ts) runs on
// ./.data/pg (EMBEDDED_PG_DIR): its port is on line 4 of postmaster.pid, the user and password are the
// launcher's. The encryption key (to decrypt SmartBill tokens) comes from ./.data/encryption.key like the
// app's, unless BURSAR_ENCRYPTION_KEY is set.
import fs from "node:fs";
import path from "node:path";

export function embeddedDatabaseUrl(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env.EMBEDDED_PG_DIR ?? path.join(root, ".data", "pg");
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) {
    throw new Error(`DATABASE_URL is not set and no embedded PostgreSQL is running on ${dataDir}: start the app (npm run dev / npm start) first, or set DATABASE_URL.`);
  }
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    throw new Error(`The embedded PostgreSQL on ${dataDir} is not running (stale postmaster.pid): start the app first, or set DATABASE_URL.`);
  }
  return `postgres://bursar:bursar-embedded@127.0.0.1:${port}/${env.EMBEDDED_PG_DB ?? "bursar"}`;
}

export function loadWorkerEnv(root = process.cwd()): void {
  if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  process.env.DATABASE_URL ||= embeddedDatabaseUrl(root);
  const keyFile = path.join(root, ".data", "encryption.key");
  if (!process.env.BURSAR_ENCRYPTION_KEY && fs.existsSync(keyFile)) process.env.BURSAR_ENCRYPTION_KEY = fs.readFileSync(keyFile, "utf8").trim();
}
