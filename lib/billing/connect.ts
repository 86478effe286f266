import "server-only";
import type { Database } from "@/db";
import { AppError } from "@/lib/errors";
import { isSandboxEnabled } from "@/lib/sandbox-mode";
import { DEMO_SMARTBILL } from "@/lib/smartbill-sandbox/demo";
import type { SmartBillCredentials } from "@/lib/smartbill";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import { credentialsOf, saveConnection, verifyCredentials } from "./connection";
import type { CredentialsInput } from "./schemas";
import { sandboxBaseUrl } from "./smartbill";

export interface ConnectResult {
  username: string;
  cif: string;
  last4: string;
  isSandbox: boolean;
  vatPayer: boolean;
  seriesCount: number;
  taxesCount: number;
}

/**
 * Verifies credentials live with SmartBill and, only when SmartBill accepts them, stores them encrypted.
 * `input.token` empty keeps the saved token; `sandbox` connects the built-in sandbox's demo account.
 */
export async function connectSmartBill(
  db: Database,
  p: { orgId: string; actorUserId: string } & ({ input: CredentialsInput; sandbox?: false } | { sandbox: true }),
): Promise<ConnectResult> {
  let creds: SmartBillCredentials;
  if (p.sandbox) {
    if (!isSandboxEnabled()) throw new AppError("forbidden", "setup.credentials.sandboxOff");
    creds = { username: DEMO_SMARTBILL.email, token: DEMO_SMARTBILL.token, cif: DEMO_SMARTBILL.company.cif, baseUrl: sandboxBaseUrl() };
  } else {
    const existing = await getActiveConnection(db, p.orgId);
    const keep = p.input.token === "" && existing;
    if (p.input.token === "" && !existing) throw new AppError("validation", "validation.required", { token: ["required"] });
    const saved = keep ? credentialsOf(existing) : null;
    creds = {
      username: p.input.username,
      token: saved?.token ?? p.input.token,
      cif: p.input.cif,
      // A kept token stays with the service it belongs to (the sandbox, or the real SmartBill).
      ...(saved?.baseUrl ? { baseUrl: saved.baseUrl } : {}),
    };
  }
  const verified = await verifyCredentials(getSmartBill(), creds);
  const isSandbox = !!p.sandbox || creds.baseUrl === sandboxBaseUrl();
  const saved = await saveConnection(db, { orgId: p.orgId, actorUserId: p.actorUserId, creds, isSandbox, verified });
  return {
    username: saved.username,
    cif: saved.cif,
    last4: saved.tokenLast4,
    isSandbox,
    vatPayer: verified.vatPayer,
    seriesCount: verified.invoiceSeries.length,
    taxesCount: verified.taxes.length,
  };
}
