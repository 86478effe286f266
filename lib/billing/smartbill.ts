import "server-only";
import { env } from "@/lib/env";

/** Where the built-in sandbox answers: this app, over HTTP, like the real SmartBill. */
export function sandboxBaseUrl(): string {
  const e = env();
  if (e.SMARTBILL_SANDBOX_URL) return e.SMARTBILL_SANDBOX_URL;
  const internal = e.BURSAR_INTERNAL_URL ?? `http://127.0.0.1:${e.PORT ?? 3000}`;
  return `${internal.replace(/\/+$/, "")}/api/smartbill-sandbox/SBORO/api`;
}
