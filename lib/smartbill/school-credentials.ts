import "server-only";
import type { Executor } from "@/db";
import { getActiveConnection, type Connection } from "@/db/queries/smartbill-connections";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { SmartBillCredentials } from "./credentials";

// A school's SmartBill credentials, decrypted for one call path. Here (not in lib/billing) so the issuing
// engine and the setup screens both take them from the SmartBill module, with no cycle between them.

/** The decrypted credentials for SmartBill calls. Server memory only. */
export function credentialsOf(c: Connection): SmartBillCredentials {
  return {
    username: c.username,
    token: decryptSecret(c.tokenCiphertext, c.orgId),
    cif: c.cif,
    ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
  };
}

/** The school's active connection's credentials, for `cif` (a profile may bill another company of the account). */
export async function schoolCredentials(db: Executor, orgId: string, cif?: string): Promise<SmartBillCredentials | null> {
  const c = await getActiveConnection(db, orgId);
  if (!c) return null;
  return { ...credentialsOf(c), ...(cif ? { cif } : {}) };
}
