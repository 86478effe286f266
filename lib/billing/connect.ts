import "server-only";
import type { Database } from "@/db";
import { AppError } from "@/lib/errors";
import { provisionSandboxAccount, sandboxBaseUrl } from "@/lib/sandbox";
import type { SmartBillCredentials } from "@/lib/smartbill";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";
import { credentialsOf } from "@/lib/smartbill/school-credentials";
import { saveConnection, verifyCredentials } from "./connection";
import type { CredentialsInput } from "./schemas";

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
 * `input.token` empty keeps the saved token; `sandbox` connects a sandbox account of the school's own.
 */
export async function connectSmartBill(
  db: Database,
  p: { orgId: string; actorUserId: string } & ({ input: CredentialsInput; sandbox?: false } | { sandbox: true; schoolName: string }),
): Promise<ConnectResult> {
  let creds: SmartBillCredentials;
  if (p.sandbox) {
    creds = await provisionSandboxAccount({ orgId: p.orgId, schoolName: p.schoolName });
  } else {
    const existing = await getActiveConnection(db, p.orgId);
    const keep = p.input.token === "" && existing;
    if (p.input.token === "" && !existing) throw new AppError("validation", "validation.required", { token: ["required"] });
    const saved = keep ? credentialsOf(existing) : null;
    // A token for the connected account (same login and CIF: a token change) stays with the service that
    // account lives on, the sandbox or the real SmartBill; other credentials go to the configured one.
    const sameAccount = existing && existing.username === p.input.username && existing.cif === p.input.cif;
    const baseUrl = saved?.baseUrl ?? (sameAccount ? existing.baseUrl : null);
    creds = {
      username: p.input.username,
      token: saved?.token ?? p.input.token,
      cif: p.input.cif,
      ...(baseUrl ? { baseUrl } : {}),
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
