// A sandbox account of its own for each Bursar school that clicks "Use the sandbox": its own login, a
// random token (only its sha-256 is kept), its own company (a fresh CIF with a valid check digit), copies
// of the demo series and VAT levels, its own document quota and rate budget. One school's drafts,
// numbers and 429s are never another's. Provisioning again for the same school issues a new token and
// keeps the company, its numbers and its documents.
import crypto from "node:crypto";
import { z } from "zod";
import { readBodyText } from "./body";
import type { Q, Sql } from "./db";
import { DEMO_SMARTBILL } from "./demo";
import { json } from "./responses";
import { hashToken, randomToken, timingSafeEqualString } from "./util";

export const PROVISION_KEY_HEADER = "x-sandbox-provision-key";

/**
 * POST <prefix>/__provision {schoolRef, schoolName?} with the provisioning key → 200 {email, token, cif,
 * companyName}. Without a configured key the endpoint is absent (404); a wrong key is refused before the
 * body is read, so anonymous callers can create nothing.
 */
export async function handleProvision(sql: Sql, req: Request, key: string | undefined): Promise<Response> {
  if (!key) return json(404, { error: "Not found" });
  const presented = req.headers.get(PROVISION_KEY_HEADER);
  if (!presented || !timingSafeEqualString(presented, key)) return json(401, { error: "Unauthorized" });
  if (req.method !== "POST") return json(405, { error: "Use POST" }, { Allow: "POST" });
  const body = await readBodyText(req);
  if (!body.ok) return json(413, { error: "The body is too large" });
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch {
    return json(400, { error: "The body must be JSON" });
  }
  const parsed = provisionInput.safeParse(input);
  if (!parsed.success) return json(400, { error: "Invalid input", issues: parsed.error.issues });
  return json(200, await provisionSchoolAccount(sql, parsed.data));
}

export const provisionInput = z.strictObject({
  /** The school's id in Bursar: one sandbox account per value. */
  schoolRef: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  /** Printed on the company's invoices. */
  schoolName: z.string().trim().min(1).max(120).regex(/^[^\p{Cc}\p{Cf}]*$/u).default("Bursar school"),
});

export interface ProvisionedAccount {
  email: string;
  token: string;
  cif: string;
  companyName: string;
}

/** Romanian CIF check digit for a body of up to 9 digits (weights 753217532, ×10 mod 11, 10 → 0). */
export function cifCheckDigit(body: string): number {
  const padded = body.padStart(9, "0");
  const key = "753217532";
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(padded[i]) * Number(key[i]);
  return ((sum * 10) % 11) % 10;
}

/** `RO9xxxxxxC`: the leading 9 keeps provisioned companies apart from the published demo CIFs. */
export function randomSchoolCif(): string {
  const body = `9${String(crypto.randomInt(1_000_000)).padStart(6, "0")}`;
  return `RO${body}${cifCheckDigit(body)}`;
}

const PROVISION_LOCK = 0x5b0d;

export async function provisionSchoolAccount(sql: Sql, raw: z.input<typeof provisionInput>): Promise<ProvisionedAccount> {
  const input = provisionInput.parse(raw);
  const email = `school-${input.schoolRef.toLowerCase()}@sandbox.smartbill.test`;
  const token = `sbx-${randomToken(24)}`;
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${PROVISION_LOCK}, hashtext(${input.schoolRef}))`;
    const [existing] = await tx<{ id: number; token_hash: string }[]>`
      select id, token_hash from smartbill_sandbox.accounts where school_ref = ${input.schoolRef}`;
    if (existing) {
      await tx`update smartbill_sandbox.accounts set token_hash = ${hashToken(token)} where id = ${existing.id}`;
      // The old token's rate-limit state goes with it; the account's limits stay.
      await tx`delete from smartbill_sandbox.rate_limits where token_hash = ${existing.token_hash}`;
      await tx`delete from smartbill_sandbox.rate_limit_hits where token_hash = ${existing.token_hash}`;
      const [company] = await tx<{ cif: string; name: string }[]>`
        select cif, name from smartbill_sandbox.companies where account_id = ${existing.id} order by id limit 1`;
      if (company) return { email, token, cif: company.cif, companyName: company.name };
      return { email, token, ...(await createCompany(tx, existing.id, input.schoolName)) };
    }
    const [account] = await tx<{ id: number }[]>`
      insert into smartbill_sandbox.accounts (email, token_hash, api_access, school_ref)
      values (${email}, ${hashToken(token)}, true, ${input.schoolRef})
      returning id`;
    return { email, token, ...(await createCompany(tx, account!.id, input.schoolName)) };
  });
}

async function createCompany(tx: Q, accountId: number, schoolName: string): Promise<{ cif: string; companyName: string }> {
  const demo = DEMO_SMARTBILL.company;
  const companyName = `${schoolName} (sandbox)`;
  for (let attempt = 0; ; attempt++) {
    const cif = randomSchoolCif();
    const [row] = await tx<{ id: number }[]>`
      insert into smartbill_sandbox.companies (account_id, cif, name, vat_payer, quota_remaining, quota_total)
      values (${accountId}, ${cif}, ${companyName}, true, ${demo.quota}, ${demo.quota})
      on conflict (cif) do nothing
      returning id`;
    if (!row) {
      if (attempt >= 20) throw new Error("no free sandbox CIF");
      continue;
    }
    for (const s of demo.series) {
      await tx`
        insert into smartbill_sandbox.series (company_id, type, name, next_number, pad_width)
        values (${row.id}, ${s.type}, ${s.name}, ${s.nextNumber}, ${s.padWidth})`;
    }
    for (const [position, t] of demo.taxes.entries()) {
      await tx`
        insert into smartbill_sandbox.taxes (company_id, position, name, percentage)
        values (${row.id}, ${position}, ${t.name}, ${t.percentage})`;
    }
    return { cif, companyName };
  }
}
