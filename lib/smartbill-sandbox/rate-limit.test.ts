import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SMARTBILL } from "./demo";
import { startSandboxServer } from "./server";
import { CLUB_CIF as CLUB, DEMO_AUTH, startSandbox, type Sandbox } from "@/test/sandbox";
import { hashToken } from "./util";

const ACCOUNT = DEMO_SMARTBILL.email;

describe("per-token rate limit (scaled down, on a fake clock)", () => {
  let s: Sandbox;
  const hit = async () => {
    const res = await s.call("GET", `/series?cif=${CLUB}`);
    return {
      status: res.status,
      remaining: res.headers.get("x-ratelimit-remaining"),
      reset: Number(res.headers.get("x-ratelimit-reset")),
      retryAfter: res.headers.get("retry-after"),
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    s = await startSandbox({ fakeClock: true, rateLimit: "smartbill" });
  });
  beforeEach(() => s.clock.advance(60_000));
  afterAll(() => s.close());

  it("allows the limit, blocks the next call with 429, keeps blocking, then recovers", async () => {
    await s.admin.setRateLimit({ account: ACCOUNT, limit: 5, windowMs: 1000, blockMs: 2000, mode: "fixed" });
    const t0 = s.clock.now().getTime();
    for (let i = 0; i < 5; i++) {
      const r = await hit();
      expect(r.status).toBe(200);
      expect(r.remaining).toBe(String(4 - i));
      expect(r.reset).toBe(Math.ceil((t0 + 1000) / 1000));
      s.clock.advance(10);
    }
    const sixth = await hit();
    expect(sixth.status).toBe(429);
    expect(sixth.remaining).toBe("0");
    expect(sixth.retryAfter).toBe("2");
    expect(sixth.body).toEqual({
      errorText: "Ati depasit limita de apeluri. Accesul este blocat timp de 2 secunde.",
      message: "",
      number: "",
      series: "",
      url: "",
    });
    s.clock.advance(1500); // a new window would have started, but the block holds
    const blocked = await hit();
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBe("1");
    s.clock.advance(600);
    const after = await hit();
    expect(after.status).toBe(200);
    expect(after.remaining).toBe("4");
    const log = await s.admin.readCallLog({ account: ACCOUNT });
    expect(log.filter((e) => e.status === 429)).toHaveLength(2);
  });

  it("describes the default block as 10 minutes", async () => {
    await s.admin.setRateLimit({ account: ACCOUNT, limit: 1, windowMs: 10_000, blockMs: 600_000 });
    await hit();
    expect((await hit()).body.errorText).toBe("Ati depasit limita de apeluri. Accesul este blocat timp de 10 minute.");
  });

  it("opens a fresh fixed window after windowMs", async () => {
    await s.admin.setRateLimit({ account: ACCOUNT, limit: 3, windowMs: 1000, blockMs: 2000, mode: "fixed" });
    for (const dt of [0, 400, 400]) {
      s.clock.advance(dt);
      expect((await hit()).status).toBe(200);
    }
    s.clock.advance(201);
    expect((await hit()).remaining).toBe("2");
  });

  it("counts the last windowMs in sliding mode", async () => {
    await s.admin.setRateLimit({ account: ACCOUNT, limit: 3, windowMs: 1000, blockMs: 2000, mode: "sliding" });
    const t0 = s.clock.now().getTime();
    for (const dt of [0, 400, 400]) {
      s.clock.advance(dt);
      expect((await hit()).status).toBe(200);
    }
    s.clock.advance(201); // the call at t0 has left the window, the other two have not
    const r = await hit();
    expect(r.status).toBe(200);
    expect(r.remaining).toBe("0");
    expect(r.reset).toBe(Math.ceil((t0 + 400 + 1000) / 1000));
    s.clock.advance(10);
    expect((await hit()).status).toBe(429);
  });

  it("counts exactly across processes sharing the database", async () => {
    await s.admin.setRateLimit({ account: ACCOUNT, limit: 25, windowMs: 10_000, blockMs: 5_000, mode: "fixed" });
    const other = await startSandboxServer({ databaseUrl: s.db.url, now: s.clock.now });
    try {
      const urls = [s.server.baseUrl, other.baseUrl];
      const statuses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${urls[i % 2]}/series?cif=${CLUB}`, { headers: { authorization: DEMO_AUTH } }).then((r) => r.status),
        ),
      );
      expect(statuses.filter((x) => x === 200)).toHaveLength(25);
      expect(statuses.filter((x) => x === 429)).toHaveLength(15);
      const log = await s.admin.readCallLog({ tokenHash: hashToken(DEMO_SMARTBILL.token), limit: 10_000 });
      expect(log.slice(-40).map((e) => e.status).sort()).toEqual(statuses.sort());
    } finally {
      await other.close();
    }
  });
});
