// The sandbox on its own port (node:http), for contract tests, the bench and `npm run sandbox:smartbill`.
// Unlike the Next route it can really drop a connection, which drop_after_store needs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { MAX_BODY_BYTES } from "./body";
import type { Sql } from "./db";
import { seedSandboxDemo } from "./demo";
import { createSandboxHandler } from "./handler";

export interface SandboxServerOptions {
  /** Used when no `sql` is given; the server then owns (and closes) the pool. */
  databaseUrl?: string;
  sql?: Sql;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  controlKey?: string;
  provisionKey?: string;
  now?: () => Date;
  /** Creates the demo accounts if missing (idempotent; default true), so the demo credentials just work. */
  seedDemo?: boolean;
}

export interface SandboxServer {
  origin: string;
  /** origin + "/SBORO/api": what a SmartBill client is configured with. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSandboxServer(opts: SandboxServerOptions = {}): Promise<SandboxServer> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (!opts.sql && !url) throw new Error("startSandboxServer needs `sql` or a database URL (DATABASE_URL).");
  const ownSql = opts.sql ? undefined : postgres(url!, { max: 10, onnotice: () => {} });
  const sql = opts.sql ?? ownSql!;
  if (opts.seedDemo ?? true) await seedSandboxDemo(sql);
  const handler = createSandboxHandler({ sql, now: opts.now, controlKey: opts.controlKey, provisionKey: opts.provisionKey, canDropConnections: true });
  const closing = new AbortController();

  const server = http.createServer((req, res) => {
    void serve(req, res).catch((e: unknown) => {
      console.error("[smartbill-sandbox]", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const tooLarge = () => {
      res.writeHead(413, { "content-type": "application/json;charset=UTF-8", connection: "close" });
      res.end(JSON.stringify({ error: "The request body is too large." }));
    };
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return tooLarge();
      chunks.push(chunk as Buffer);
    }
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const method = req.method ?? "GET";
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks),
      signal: AbortSignal.any([aborted.signal, closing.signal]),
    });
    const response = await handler(request);
    if (handler.shouldDrop(response)) {
      req.socket.destroy();
      return;
    }
    const body = method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    if (method !== "HEAD") out["content-length"] = String(body.length);
    res.writeHead(response.status, out);
    res.end(body);
  }

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    origin,
    baseUrl: `${origin}/SBORO/api`,
    async close() {
      closing.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ownSql?.end({ timeout: 5 });
    },
  };
}
