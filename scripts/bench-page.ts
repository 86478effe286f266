// The authenticated /registrations page's server response time, for bench-registrations.ts: runs the
// production build (`next start`) against the bench database, signs a staff member in through
// next-auth's credentials endpoint and times full responses (the table is streamed inside them).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import type postgres from "postgres";
import { hashPassword } from "../lib/auth/password";

export interface AppUnderTest {
  get(pathAndQuery: string): Promise<{ ms: number; status: number; bytes: number }>;
  stop(): Promise<void>;
}

export function hasProductionBuild(): boolean {
  return fs.existsSync(".next/BUILD_ID") && fs.existsSync("app/(dashboard)/registrations/_components");
}

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function startApp(sql: postgres.Sql, dbUrl: string, orgId: string, port: number): Promise<AppUnderTest> {
  const email = `bench-staff-${crypto.randomBytes(4).toString("hex")}@bench.test`;
  const password = "bench-password";
  const [user] = await sql<{ id: string }[]>`insert into users (email, name, password_hash) values (${email}, 'Bench Staff', ${await hashPassword(password)}) returning id`;
  await sql`insert into memberships (org_id, user_id, role) values (${orgId}, ${user!.id}, 'staff')`;
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
      BURSAR_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      BURSAR_DEMO: "off",
      NODE_ENV: "production",
    },
    stdio: "ignore",
    detached: true,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped || !child.pid) return;
    stopped = true;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
  };
  try {
    await waitFor(`${base}/api/health`, 60_000);
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const cookie = [...cookiesOf(csrf), ...cookiesOf(signIn)].join("; ");
    if (!/session-token/.test(cookie)) throw new Error(`sign-in failed (${signIn.status})`);
    return {
      async get(pathAndQuery) {
        const t0 = performance.now();
        const res = await fetch(`${base}${pathAndQuery}`, { headers: { cookie }, redirect: "manual" });
        const body = await res.text();
        return { ms: performance.now() - t0, status: res.status, bytes: body.length };
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
