// The transport's view of "was anything sent?", with real sockets (no SmartBill involved).
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWire, WireError } from "./wire";

// Accepts TCP connections and never says a word: TLS never completes, HTTP never answers.
let silent: net.Server;
let port = 0;
const sockets = new Set<net.Socket>();
beforeAll(async () => {
  silent = net.createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  port = (silent.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

const send = (url: string, timeouts: { connectTimeoutMs: number; timeoutMs: number }) =>
  sendWire({ url: new URL(url), method: "POST", headers: {}, body: Buffer.from("{}"), freshConnection: true, maxBytes: 1024, ...timeouts }).then(
    () => expect.unreachable(),
    (e: unknown) => e as WireError,
  );

describe("sendWire", () => {
  it("a connection that never completes its TLS handshake is a connect timeout: nothing sent", async () => {
    const e = await send(`https://127.0.0.1:${port}/x`, { connectTimeoutMs: 150, timeoutMs: 2_000 });
    expect([e.networkCode, e.phase]).toEqual(["ECONNECT_TIMEOUT", "before_send"]);
  });

  it("a refused connection: nothing sent", async () => {
    const e = await send("http://127.0.0.1:9/x", { connectTimeoutMs: 500, timeoutMs: 1_000 });
    expect([e.networkCode, e.phase]).toEqual(["ECONNREFUSED", "before_send"]);
  });

  it("a connected request with no answer is a read timeout: it may have been processed", async () => {
    const e = await send(`http://127.0.0.1:${port}/x`, { connectTimeoutMs: 500, timeoutMs: 200 });
    expect([e.networkCode, e.phase]).toEqual(["ETIMEDOUT", "after_send"]);
  });
});
