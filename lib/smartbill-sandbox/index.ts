// The SmartBill sandbox: a protocol-faithful stand-in for SmartBill Cloud's V1 API, stored in PostgreSQL.
// Server code (not marked server-only: it also runs standalone under tsx). See docs/smartbill-sandbox.md.
export { createSandboxHandler, type SandboxHandler, type SandboxHandlerOptions } from "./handler";
export { startSandboxServer, type SandboxServer, type SandboxServerOptions } from "./server";
export { ensureSandboxSchema, SCHEMA_VERSION } from "./schema";
export { sandboxAdmin, SandboxAdminError, CONTROL_OPS, type SandboxAdmin, type InvoiceView } from "./admin";
export { CONTROL_KEY_HEADER } from "./control";
export { DEMO_SMARTBILL, DEMO_SMARTBILL_NO_API, seedSandboxDemo } from "./demo";
export { FAULT_KINDS, type FaultKind } from "./faults";
export type { CallLogEntry } from "./call-log";
export { basicHeader } from "./auth";
export { hashToken } from "./util";
export { NO_API_ACCESS } from "./responses";
