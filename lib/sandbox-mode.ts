import "server-only";
import { env } from "@/lib/env";

// The built-in SmartBill sandbox is on unless SMARTBILL_SANDBOX=off (production deployments with real
// credentials turn it off).
export function isSandboxEnabled(): boolean {
  return env().SMARTBILL_SANDBOX !== "off";
}
