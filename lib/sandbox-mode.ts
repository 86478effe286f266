import "server-only";

// The built-in SmartBill sandbox is on unless SMARTBILL_SANDBOX=off (production deployments with real
// credentials turn it off).
export function isSandboxEnabled(): boolean {
  return process.env.SMARTBILL_SANDBOX !== "off";
}
