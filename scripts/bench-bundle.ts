// First-load JavaScript per route, as a browser downloads it from the production build.
//   npm run build && npm run bench:bundle [-- --port 3299 --verbose]   (--verbose lists every chunk)
// How: starts the built app (`next start` through scripts/with-db.ts) on a throw-away embedded PostgreSQL with
// the demo school, marks every setup step done so each wizard step can be opened, signs in as the demo
// admin through next-auth's credentials endpoint, and fetches each route's HTML. Every
// `<script src>` the HTML loads (not `nomodule` polyfills, which modern browsers skip) is then fetched
// with `Accept-Encoding: gzip` and its bytes on the wire are summed: that is the JavaScript the page
// needs before it is interactive. Reading the page's HTML rather than the build manifests counts what
// Next really sends (the manifests also list the not-found/forbidden boundaries, which are not loaded).
// The "html" column is the gzipped document itself (it carries the RSC payload, with the client's
// message catalogue). Targets: pages without a form < 150 kB, form pages < 200 kB; exits 1 when a
// page is over its target.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded-pg";

const KB = 1024;
const TARGET_KB = { page: 150, form: 200 } as const;
// The wizard is one form in steps: every step submits and moves on, so each counts as a form page.
const SETUP_STEPS = ["credentials", "generation", "profiles", "series", "vat", "bank", "review"];

interface Route {
  path: string;
  form: boolean;
  signedIn: boolean;
}

const ROUTES: Route[] = [
  { path: "/sign-in", form: true, signedIn: false },
  { path: "/sign-up", form: true, signedIn: false },
  // An unknown token shows a notice instead of the form, but loads the same code as the form.
  { path: "/invite/no-such-invitation-0000", form: true, signedIn: false },
  { path: "/registrations", form: false, signedIn: true },
  { path: "/invoices", form: false, signedIn: true },
  { path: "/settings/billing", form: true, signedIn: true },
  { path: "/settings/team", form: true, signedIn: true },
  ...SETUP_STEPS.map((s) => ({ path: `/setup/${s}`, form: true, signedIn: true })),
];

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** Bytes on the wire: the server's gzip when it compresses, our gzip otherwise. */
async function gzipBytes(url: string, cookie: string): Promise<number> {
  const res = await request(url, { headers: { "accept-encoding": "gzip", cookie } });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return res.headers["content-encoding"] === "gzip" ? res.body.length : zlib.gzipSync(res.body).length;
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error("the server exited before it was ready");
    const ok = await request(`${base}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy in 120 s");
}

function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await request(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken: string };
  const res = await request(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in as ${email} failed: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
  return header(jar);
}

function scriptsOf(html: string): string[] {
  const srcs: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/i.exec(tag)?.[1];
    if (src && !srcs.includes(src)) srcs.push(src);
  }
  return srcs;
}

async function measure(base: string, cookie: string, verbose: boolean) {
  const chunkCache = new Map<string, number>();
  const rows = [];
  for (const route of ROUTES) {
    const res = await request(`${base}${route.path}`, { headers: { cookie: route.signedIn ? cookie : "" } });
    if (res.status !== 200) throw new Error(`${route.path}: HTTP ${res.status} (${res.headers.location ?? "no redirect"})`);
    const html = res.body.toString();
    const scripts = scriptsOf(html);
    let js = 0;
    for (const src of scripts) {
      if (!chunkCache.has(src)) chunkCache.set(src, await gzipBytes(new URL(src, base).href, ""));
      js += chunkCache.get(src)!;
    }
    const target = route.form ? TARGET_KB.form : TARGET_KB.page;
    if (verbose) for (const src of scripts) console.log(`${route.path}  ${src}  ${(chunkCache.get(src)! / KB).toFixed(1)} kB`);
    rows.push({ ...route, chunks: scripts.length, jsKb: js / KB, htmlKb: zlib.gzipSync(res.body).length / KB, target });
  }
  return rows;
}

async function main() {
  const { values } = parseArgs({
    options: { port: { type: "string", default: process.env.BENCH_PORT ?? "3299" }, verbose: { type: "boolean", default: false } },
  });
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const base = `http://127.0.0.1:${values.port}`;

  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, ".data", "bench-bundle-pg"),
    port: Number(process.env.BENCH_PG_PORT ?? 0),
    database: "bursar",
    persistent: false,
    fresh: true,
    fast: true,
  });
  const server = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/with-db.ts", "--migrate", "--seed", "--", "next", "start", "-p", values.port!, "-H", "127.0.0.1"],
    { cwd: root, env: {
        ...process.env,
        DATABASE_URL: pg.url,
        // With a DATABASE_URL the launcher assumes a deployment: ask for the demo school and sandbox.
        BURSAR_DEMO: "on",
        SMARTBILL_SANDBOX: "on",
        NEXTAUTH_URL: base,
        NEXT_TELEMETRY_DISABLED: "1",
      }, stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  try {
    await waitForHealth(base, server);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    await sql`insert into setup_progress (org_id, current_step, completed_steps)
              select id, 'review', ${SETUP_STEPS} from organisations
              on conflict (org_id) do update set completed_steps = excluded.completed_steps`;
    await sql.end();
    const cookie = await signIn(base, "admin@demo.bursar.test", "demo-password");
    const rows = await measure(base, cookie, values.verbose!);

    const w = Math.max(...rows.map((r) => r.path.length));
    console.log(`\n${"route".padEnd(w)}  form  chunks  js gzip kB  target  html gzip kB`);
    for (const r of rows) {
      const over = r.jsKb >= r.target;
      console.log(
        `${r.path.padEnd(w)}  ${(r.form ? "yes" : "").padEnd(4)}  ${String(r.chunks).padStart(6)}  ${r.jsKb.toFixed(1).padStart(10)}  ${`< ${r.target}`.padStart(6)}  ${r.htmlKb.toFixed(1).padStart(11)}${over ? "  OVER" : ""}`,
      );
    }
    const over = rows.filter((r) => r.jsKb >= r.target);
    console.log(over.length ? `\n${over.length} page(s) over target` : "\nevery page within target");
    process.exitCode = over.length ? 1 : 0;
  } finally {
    if (server.pid && server.exitCode === null) {
      process.kill(-server.pid, "SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    await pg.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
