import "server-only";
import crypto from "node:crypto";
import { isSandboxSwitchOn } from "@/lib/demo-mode";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { SmartBillCredentials } from "@/lib/smartbill";

// The one switch product code asks about the built-in SmartBill sandbox: whether it is on, where it
// answers, and a sandbox account of the school's own. Product code never imports lib/smartbill-sandbox:
// it talks to the sandbox over HTTP, like to SmartBill.

/** On when SMARTBILL_SANDBOX=on, or unset outside production (see lib/demo-mode.ts). */
export function isSandboxEnabled(): boolean {
  return isSandboxSwitchOn();
}

/** Where the built-in sandbox answers: this app, over HTTP, like the real SmartBill. */
export function sandboxBaseUrl(): string {
  const e = env();
  if (e.SMARTBILL_SANDBOX_URL) return e.SMARTBILL_SANDBOX_URL.replace(/\/+$/, "");
  const internal = e.BURSAR_INTERNAL_URL ?? `http://127.0.0.1:${e.PORT ?? 3000}`;
  return `${internal.replace(/\/+$/, "")}/api/smartbill-sandbox/SBORO/api`;
}

/**
 * The secret the app presents to the sandbox's provisioning endpoint. Derived from the encryption key
 * (every install that stores a token has one), so the app and its sandbox route agree without another
 * variable; SMARTBILL_SANDBOX_PROVISION_KEY overrides it (a sandbox on another host).
 */
export function sandboxProvisionKey(): string | undefined {
  const e = env();
  if (e.SMARTBILL_SANDBOX_PROVISION_KEY) return e.SMARTBILL_SANDBOX_PROVISION_KEY;
  const key = e.BURSAR_ENCRYPTION_KEY;
  if (!key) return undefined;
  return crypto.createHmac("sha256", key).update("bursar/smartbill-sandbox/provision/v1").digest("base64url");
}

export const PROVISION_KEY_HEADER = "x-sandbox-provision-key";

/**
 * Creates (or, for a school that has one, re-issues the token of) the school's own sandbox account and
 * returns credentials for it. The token is random; the caller stores it encrypted like a real one.
 */
export async function provisionSandboxAccount(p: { orgId: string; schoolName: string }): Promise<SmartBillCredentials> {
  if (!isSandboxEnabled()) throw new AppError("forbidden", "setup.credentials.sandboxOff");
  const key = sandboxProvisionKey();
  if (!key) throw new Error("BURSAR_ENCRYPTION_KEY is not set: the sandbox cannot be provisioned.");
  const baseUrl = sandboxBaseUrl();
  const origin = baseUrl.replace(/\/SBORO\/api$/, "");
  let res: Response;
  try {
    res = await fetch(`${origin}/__provision`, {
      method: "POST",
      headers: { "content-type": "application/json", [PROVISION_KEY_HEADER]: key },
      body: JSON.stringify({ schoolRef: p.orgId, schoolName: printable(p.schoolName) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError("external", "setup.credentials.failure.unreachable");
  }
  if (!res.ok) throw new AppError("external", "setup.credentials.failure.unreachable", undefined, `sandbox answered ${res.status}`);
  const account = (await res.json()) as { email: string; token: string; cif: string };
  return { username: account.email, token: account.token, cif: account.cif, baseUrl };
}

/** The school's name as the sandbox accepts it on a company: printable, at most 100 characters. */
function printable(name: string): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, "").trim().slice(0, 100);
  return clean || "Bursar school";
}
