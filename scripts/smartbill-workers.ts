// Starts limiter worker processes (scripts/smartbill-limiter-worker.ts), releases them at the same
// moment once all are loaded, and collects their results. Used by the multi-process test and the bench.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import type { RateLimitPolicy } from "../lib/smartbill";

export interface WorkerSpec {
  baseUrl: string;
  username: string;
  cif: string;
  callers: number;
  durationMs: number;
  rateLimit: Partial<RateLimitPolicy>;
}

export interface WorkerResult {
  pid: number;
  ok: number;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  stoppedWaiting: number;
  /** Milliseconds each HTTP call waited for its rate-limit slot. */
  waits: number[];
  /** Milliseconds from the slot to SmartBill's answer, per call. */
  latencies: number[];
}

const WORKER = path.resolve(process.cwd(), "scripts/smartbill-limiter-worker.ts");

export async function runLimiterWorkers(opts: {
  processes: number;
  databaseUrl: string;
  token: string;
  spec: WorkerSpec;
  /** Called with the common start time (epoch ms) once every worker is ready. */
  onStart?: (startAt: number) => void;
}): Promise<{ startAt: number; results: WorkerResult[] }> {
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  const done: Promise<WorkerResult>[] = [];
  for (let i = 0; i < opts.processes; i++) {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WORKER], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: opts.databaseUrl, SB_WORKER_TOKEN: opts.token, SB_WORKER: JSON.stringify({ ...opts.spec, startAt: 0 }) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += String(c)));
    const lines = readline.createInterface({ input: child.stdout! });
    const exited = new Promise<number>((r) => child.once("exit", (code) => r(code ?? 1)));
    let result: WorkerResult | undefined;
    ready.push(
      new Promise<void>((resolve, reject) => {
        lines.on("line", (line) => {
          if (line === "ready") resolve();
          else if (line.startsWith("{")) result = JSON.parse(line) as WorkerResult;
        });
        void exited.then(() => reject(new Error(`worker exited before it was ready:\n${stderr}`)));
      }),
    );
    done.push(exited.then((code) => (code === 0 && result ? result : Promise.reject(new Error(`worker failed (${code}):\n${stderr}`)))));
  }
  try {
    await Promise.all(ready);
    const startAt = Date.now() + 100;
    for (const c of children) c.stdin!.end(`${startAt}\n`);
    opts.onStart?.(startAt);
    return { startAt, results: await Promise.all(done) };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The most calls any window of `windowMs` holds (sliding, so it also covers fixed windows). */
export function maxInWindow(timesMs: number[], windowMs: number): number {
  const t = [...timesMs].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[j]! <= t[i]! - windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * Long-run calls/s. A limiter that lets bursts through shows them as bursts one window apart; a run that
 * ends just before the next burst would overstate the rate, so count whole periods: every burst but the
 * last, over the time from the first burst to the last one. Smooth traffic: calls over the duration.
 */
export function sustainedRate(timesMs: number[], durationMs: number, gapMs = 1_000): number {
  const t = [...timesMs].sort((a, b) => a - b);
  const starts = [0];
  for (let i = 1; i < t.length; i++) if (t[i]! - t[i - 1]! >= gapMs) starts.push(i);
  if (starts.length < 2) return t.length / (durationMs / 1000);
  const last = starts.at(-1)!;
  return last / ((t[last]! - t[0]!) / 1000);
}
