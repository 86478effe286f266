import "server-only";

// What instrumentation.ts and scripts/worker.ts load (dynamically, so nothing server-only reaches
// another runtime).
export { startWorkers, stopWorkers, workersEnabled } from "./workers";
