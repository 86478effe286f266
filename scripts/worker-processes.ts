// Starts `scripts/worker.ts` as child processes (the multi-process test, chaos:issue, bench:bulk-issue):
// each is a real worker process on the given database, killable with any signal.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** stdout and stderr lines so far. */
  lines: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const WORKER = path.resolve(process.cwd(), "scripts/worker.ts");

export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}, name = "worker"): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WORKER], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, BURSAR_WORKER_READY: "stdout" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  readline.createInterface({ input: child.stderr! }).on("line", (l) => lines.push(l));
  const ready = new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on("line", (l) => {
      lines.push(l);
      if (l === "ready") resolve();
    });
    void exited.then(() => reject(new Error(`${name} exited before it was ready:\n${lines.join("\n")}`)));
  });
  await ready;
  return {
    pid: child.pid!,
    child,
    lines,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
