// A hostile file cannot hold the process: parsing is linear and bounded (size, rows, columns), the dry run
// gives the event loop back as it goes, and the health endpoint answers while a hostile file is read.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { createTestDb, type TestDb } from "@/test/db";
import { makeRegOrg, type RegOrg } from "@/test/registrations-fixtures";
import { MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from "./csv";
import { previewImport } from "./import-registrations";

let t: TestDb;
let A: RegOrg;

beforeAll(async () => {
  t = await createTestDb({ app: true });
  A = await makeRegOrg(t, "Alpha");
});
afterAll(() => t.drop());

/** Runs `work` while the health endpoint is asked every 20 ms; the slowest answer and the event loop's worst delay. */
async function whileHealthIsAsked<T>(work: () => Promise<T>): Promise<{ result: T | Error; slowestHealthMs: number; answers: number; loopDelayMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let running = true;
  let slowest = 0;
  let answers = 0;
  const asking = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await health();
      expect(res.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - t0);
      answers++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // Let the first health check get under way: the work starts while it waits for the database.
  await new Promise((r) => setTimeout(r, 30));
  const result = await work().catch((e: unknown) => e as Error);
  running = false;
  await asking;
  loop.disable();
  return { result, slowestHealthMs: slowest, answers, loopDelayMs: loop.max / 1e6 };
}

describe("import limits", () => {
  it("the 64 kB file whose header repeats one name 16,000 times is refused at once, and /api/health answers meanwhile", async () => {
    const hostile = `${"Nume;".repeat(15_999)}Nume\nAna\n`;
    expect(hostile.length).toBeGreaterThan(64_000);
    const r = await whileHealthIsAsked(() => previewImport(t.db, A.id, hostile));
    expect(r.result).toMatchObject({ code: "validation", message: "registrationImport.errors.tooManyColumns" });
    expect(r.answers).toBeGreaterThan(0);
    console.info(`[import-limits] 16,000-header file: health slowest ${r.slowestHealthMs.toFixed(0)} ms, event loop worst delay ${r.loopDelayMs.toFixed(0)} ms`);
    // Generous sanity bounds (the quadratic de-duplication blocked the process 11–22 s).
    expect(r.slowestHealthMs).toBeLessThan(1_000);
    expect(r.loopDelayMs).toBeLessThan(1_000);
  });

  it("the largest file the limits allow (rows × columns × size) is dry-run without holding the event loop", async () => {
    const columns = Array.from({ length: MAX_IMPORT_COLUMNS }, (_, i) => (i === 0 ? "Părinte" : i === 1 ? "Copil" : i === 2 ? "Curs" : `C${i}`));
    const row = (i: number) => [`Dan Radu ${i}`, `Toma Radu ${i}`, "Dans modern", ...Array<string>(MAX_IMPORT_COLUMNS - 3).fill("")].join(";");
    const big = [columns.join(";"), ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => row(i))].join("\n");
    expect(big.length).toBeLessThan(MAX_IMPORT_BYTES);
    const r = await whileHealthIsAsked(() => previewImport(t.db, A.id, big, { clientName: "Părinte", participantName: "Copil", courseName: "Curs" }));
    expect(r.result).toMatchObject({ counts: { create: MAX_IMPORT_ROWS, error: 0 } });
    console.info(`[import-limits] ${MAX_IMPORT_ROWS} rows × ${MAX_IMPORT_COLUMNS} columns: health slowest ${r.slowestHealthMs.toFixed(0)} ms, event loop worst delay ${r.loopDelayMs.toFixed(0)} ms`);
    expect(r.slowestHealthMs).toBeLessThan(1_000);
  });

  it("a file of 250,000 columns (the size limit) and one of blank rows under a wide header are refused or read in linear time", async () => {
    const wide = `${"a;".repeat(249_999)}a\nx\n`;
    await expect(previewImport(t.db, A.id, wide)).rejects.toMatchObject({ message: "registrationImport.errors.tooManyColumns" });
    // 2,000 short rows under 200 columns: each row keeps only its own cells.
    const short = `${Array.from({ length: MAX_IMPORT_COLUMNS }, (_, i) => `H${i}`).join(";")}\n${"x\n".repeat(MAX_IMPORT_ROWS)}`;
    expect((await previewImport(t.db, A.id, short)).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});
