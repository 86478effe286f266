import "server-only";

// The job queue (pg-boss on the app's PostgreSQL): wake-ups for the invoicing use-cases.
export { enqueueDrain, enqueueDrains, enqueueImport, enqueueReconcile } from "./enqueue";
export { startWorkers, stopWorkers, workersEnabled, type RunningWorkers, type WorkerOptions } from "./workers";
export { sweepOnce } from "./sweeper";
