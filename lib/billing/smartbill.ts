import "server-only";

/** Where the built-in sandbox answers: this app, over HTTP, like the real SmartBill. */
export function sandboxBaseUrl(): string {
  if (process.env.SMARTBILL_SANDBOX_URL) return process.env.SMARTBILL_SANDBOX_URL;
  const internal = process.env.BURSAR_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  return `${internal.replace(/\/+$/, "")}/api/smartbill-sandbox/SBORO/api`;
}
