// Runs a command with a database: DATABASE_URL when set, otherwise an embedded PostgreSQL in ./.data/pg.
//   node --import tsx scripts/with-db.ts [--migrate] [--seed] -- <command...>
// Also fills in the secrets a fresh checkout lacks (kept in ./.data/) so `npm start` needs no set-up.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hostOf, internalHost, launcherHostArgs, launcherSwitches } from "../lib/demo-mode";
import { startEmbeddedPostgres, type EmbeddedPg } from "./embedded-pg";

const argv = process.argv.slice(2);
const sep = argv.indexOf("--");
const flags = new Set(sep === -1 ? argv : argv.slice(0, sep));
const command = sep === -1 ? [] : argv.slice(sep + 1);
const root = process.cwd();

if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function persistedSecret(name: string, file: string, bytes: number) {
  if (process.env[name]) return;
  const p = path.join(root, ".data", file);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  if (!fs.existsSync(p)) fs.writeFileSync(p, crypto.randomBytes(bytes).toString("base64"), { mode: 0o600 });
  process.env[name] = fs.readFileSync(p, "utf8").trim();
}

async function main(): Promise<number> {
  persistedSecret("NEXTAUTH_SECRET", "nextauth-secret", 32);
  persistedSecret("BURSAR_ENCRYPTION_KEY", "encryption.key", 32);
  const port = portOf(command) ?? process.env.PORT ?? "3000";
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  // The demo switches, made explicit for the app: the embedded PostgreSQL (DATABASE_URL unset) is the
  // README's demo (demo school and sandbox on unless set); a DATABASE_URL is a deployment (off unless set).
  Object.assign(process.env, launcherSwitches(process.env));
  // The demo (published passwords) listens on 127.0.0.1 unless a host is given: -H or HOSTNAME.
  const hostArgs = launcherHostArgs(command, process.env);
  command.push(...hostArgs);
  if (hostArgs[1] === "127.0.0.1") console.log("[bursar] demo mode: listening on 127.0.0.1 only (HOSTNAME=0.0.0.0 exposes it; see README)");
  // How the server reaches itself (the built-in SmartBill sandbox is called over real HTTP).
  process.env.BURSAR_INTERNAL_URL ??= `http://${internalHost(hostOf(command))}:${port}`;

  let pg: EmbeddedPg | undefined;
  if (!process.env.DATABASE_URL) {
    const ephemeral = process.env.EMBEDDED_PG_EPHEMERAL === "1";
    const options = {
      dataDir: process.env.EMBEDDED_PG_DIR ?? path.join(root, ".data", "pg"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      database: process.env.EMBEDDED_PG_DB ?? "bursar",
      persistent: !ephemeral,
      fresh: ephemeral,
      fast: ephemeral,
      log: (l: string) => console.error(l),
    };
    try {
      pg = await startEmbeddedPostgres(options);
    } catch (e) {
      // The usual port is taken (another PostgreSQL?): any free one will do, unless one was asked for.
      if (process.env.EMBEDDED_PG_PORT || !String(e).includes("already in use")) throw e;
      pg = await startEmbeddedPostgres({ ...options, port: 0 });
    }
    process.env.DATABASE_URL = pg.url;
    console.log(`[bursar] embedded PostgreSQL on 127.0.0.1:${pg.port}`);
  }

  try {
    if (flags.has("--migrate")) {
      const { runMigrations } = await import("../db/migrate");
      await runMigrations(process.env.DATABASE_URL!);
    }
    // Skipped when BURSAR_DEMO is off: a deployment gets no demo school (its users have a published password).
    if (flags.has("--seed")) {
      const { seedDemo } = await import("./seed-demo");
      await seedDemo(process.env.DATABASE_URL!, { baseUrl: process.env.NEXTAUTH_URL! });
    }
    return command.length ? await run(command) : 0;
  } finally {
    await pg?.stop();
  }
}

function portOf(cmd: string[]): string | undefined {
  const i = cmd.findIndex((a) => a === "-p" || a === "--port");
  return i >= 0 ? cmd[i + 1] : undefined;
}

// The child gets a lifeline too: if we die (even kill -9), it receives SIGTERM instead of holding the port.
function run(cmd: string[]): Promise<number> {
  const bin = path.join(root, "node_modules", ".bin");
  const script = 'exec 3<&0 </dev/null; (cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null) & exec 3<&- "$@"';
  const child = spawn("/bin/sh", ["-c", script, "sh", ...cmd], {
    stdio: ["pipe", "inherit", "inherit"],
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
  });
  return new Promise((resolve) => {
    let signals = 0;
    const forward = (sig: NodeJS.Signals) => {
      signals++;
      child.kill(signals > 1 ? "SIGKILL" : sig);
      if (signals === 1) setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
    };
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => forward(sig));
    // npm does not pass SIGTERM on to us: notice when our parent goes away.
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== parent) forward("SIGTERM");
    }, 500);
    child.on("exit", (code, signal) => {
      clearInterval(watch);
      const sigNo = signal ? (({ SIGINT: 2, SIGTERM: 15, SIGKILL: 9, SIGHUP: 1 }) as Record<string, number>)[signal] ?? 1 : 0;
      resolve(code ?? 128 + sigNo);
    });
    child.on("error", (e) => {
      console.error(`[bursar] could not run ${cmd[0]}: ${e.message}`);
      resolve(127);
    });
  });
}

// A database error's message carries its query and parameters (the seed's password hashes): class and code only.
function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const db = (x: unknown) => typeof x === "object" && x !== null && ("params" in x || "query" in x || "severity" in x);
  if (!db(e) && !db(e.cause)) return e.message;
  const code = (e as { code?: unknown }).code ?? (e.cause as { code?: unknown } | undefined)?.code;
  return `database error ${e.constructor.name}${code ? ` (SQLSTATE ${String(code)})` : ""}`;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[bursar] ${describeFailure(e)}`);
    process.exit(1);
  },
);
