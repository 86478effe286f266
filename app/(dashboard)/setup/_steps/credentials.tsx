import { db } from "@/db";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { isSandboxEnabled } from "@/lib/sandbox";
import { CredentialsForm } from "../_components/credentials-form";
import type { StepProps } from "./types";

export async function CredentialsStep({ orgId }: StepProps) {
  const c = await getActiveConnection(db, orgId);
  return (
    <CredentialsForm
      sandboxAvailable={isSandboxEnabled()}
      current={c ? { username: c.username, cif: c.cif, last4: c.tokenLast4, isSandbox: c.isSandbox, vatPayer: c.vatPayer } : null}
    />
  );
}
