// Control operations that configure the sandbox: accounts, companies, series, taxes, limits, faults.
import type { z } from "zod";
import { findAccountByEmail, findCompanyByCif, type Account, type Company } from "./accounts";
import * as S from "./admin-schemas";
import { jsonText, type Sql } from "./db";
import { hashToken } from "./util";

export class SandboxAdminError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

export async function requireAccount(sql: Sql, email: string): Promise<Account> {
  const a = await findAccountByEmail(sql, email);
  if (!a) throw new SandboxAdminError(`No sandbox account ${email}`, 404);
  return a;
}

export async function requireCompany(sql: Sql, cif: string): Promise<Company> {
  const c = await findCompanyByCif(sql, cif);
  if (!c) throw new SandboxAdminError(`No sandbox company ${cif}`, 404);
  return c;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
type Columns = Record<string, string | number | boolean | null>;
function columns(input: Record<string, unknown>, skip: string[] = []): Columns {
  const out: Columns = {};
  for (const [k, v] of Object.entries(input)) {
    if (v !== undefined && !skip.includes(k)) out[snake(k)] = v as string | number | boolean | null;
  }
  return out;
}

function rateLimitColumns(rl: z.infer<typeof S.rateLimitSettings> | undefined) {
  return columns({ rlLimit: rl?.limit, rlWindowMs: rl?.windowMs, rlBlockMs: rl?.blockMs, rlMode: rl?.mode });
}

export async function upsertAccount(sql: Sql, input: z.input<typeof S.upsertAccountInput>): Promise<Account> {
  const a = S.upsertAccountInput.parse(input);
  const values: Columns = {
    email: a.email,
    token_hash: hashToken(a.token),
    ...columns({ apiAccess: a.apiAccess }),
    ...rateLimitColumns(a.rateLimit),
  };
  await sql`
    insert into smartbill_sandbox.accounts ${sql(values)}
    on conflict (email) do update set ${sql(values)}`;
  return requireAccount(sql, a.email);
}

export async function upsertCompany(sql: Sql, input: z.input<typeof S.upsertCompanyInput>): Promise<Company> {
  const c = S.upsertCompanyInput.parse(input);
  const account = await requireAccount(sql, c.account);
  const values: Columns = { account_id: account.id, ...columns(c, ["account"]) };
  const existing = await findCompanyByCif(sql, c.cif);
  if (existing) {
    await sql`update smartbill_sandbox.companies set ${sql(values)} where id = ${existing.id}`;
  } else {
    if (!c.name) throw new SandboxAdminError("A new company needs a name");
    await sql`insert into smartbill_sandbox.companies ${sql(values)}`;
  }
  return requireCompany(sql, c.cif);
}

export async function upsertSeries(sql: Sql, input: z.input<typeof S.upsertSeriesInput>): Promise<void> {
  const s = S.upsertSeriesInput.parse(input);
  const company = await requireCompany(sql, s.cif);
  const values: Columns = {
    company_id: company.id,
    type: s.type,
    name: s.name,
    ...columns({ nextNumber: s.nextNumber, padWidth: s.padWidth }),
  };
  await sql`
    insert into smartbill_sandbox.series ${sql(values)}
    on conflict (company_id, type, name) do update set ${sql(values)}`;
}

/** Replaces the company's VAT rates — also how tests simulate "VAT levels changed in the UI". */
export async function setTaxes(sql: Sql, input: z.input<typeof S.setTaxesInput>): Promise<void> {
  const t = S.setTaxesInput.parse(input);
  const company = await requireCompany(sql, t.cif);
  await sql.begin(async (tx) => {
    await tx`delete from smartbill_sandbox.taxes where company_id = ${company.id}`;
    for (const [position, tax] of t.taxes.entries()) {
      await tx`
        insert into smartbill_sandbox.taxes (company_id, position, name, percentage)
        values (${company.id}, ${position}, ${tax.name}, ${tax.percentage})
        on conflict do nothing`;
    }
  });
}

/** Changes the account's limit and forgets its current window and block. */
export async function setRateLimit(sql: Sql, input: z.input<typeof S.setRateLimitInput>): Promise<Account> {
  const r = S.setRateLimitInput.parse(input);
  const account = await requireAccount(sql, r.account);
  const values = rateLimitColumns(r);
  if (Object.keys(values).length) {
    await sql`update smartbill_sandbox.accounts set ${sql(values)} where id = ${account.id}`;
  }
  await resetRateLimit(sql, { account: r.account });
  return requireAccount(sql, r.account);
}

export async function resetRateLimit(sql: Sql, input: z.input<typeof S.accountFilterInput> = {}): Promise<void> {
  const f = S.accountFilterInput.parse(input);
  const hash = f.account ? (await requireAccount(sql, f.account)).tokenHash : undefined;
  await sql`delete from smartbill_sandbox.rate_limits ${hash ? sql`where token_hash = ${hash}` : sql``}`;
  await sql`delete from smartbill_sandbox.rate_limit_hits ${hash ? sql`where token_hash = ${hash}` : sql``}`;
}

export function normaliseEndpointPath(path: string): string {
  if (path === "*") return path;
  const i = path.indexOf("/SBORO/api");
  const p = i >= 0 ? path.slice(i + "/SBORO/api".length) : path;
  return (p.startsWith("/") ? p : `/${p}`).split("?")[0]!;
}

export async function addFault(sql: Sql, input: z.input<typeof S.addFaultInput>): Promise<{ id: number }> {
  const f = S.addFaultInput.parse(input);
  const account = await requireAccount(sql, f.account);
  const { ms, errorText, status, body, contentType, headers } = f;
  const params = columnsRaw({ ms, errorText, status, body, contentType, headers });
  const [row] = await sql<{ id: string }[]>`
    insert into smartbill_sandbox.faults (account_id, method, path, kind, remaining, params)
    values (${account.id}, ${f.method ?? null}, ${normaliseEndpointPath(f.path)}, ${f.kind}, ${f.count},
      ${jsonText(params)}::text::jsonb)
    returning id`;
  return { id: Number(row!.id) };
}

function columnsRaw(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

export async function clearFaults(sql: Sql, input: z.input<typeof S.accountFilterInput> = {}): Promise<void> {
  const f = S.accountFilterInput.parse(input);
  const id = f.account ? (await requireAccount(sql, f.account)).id : undefined;
  await sql`delete from smartbill_sandbox.faults ${id !== undefined ? sql`where account_id = ${id}` : sql``}`;
}

export async function listFaults(sql: Sql, input: z.input<typeof S.accountFilterInput> = {}) {
  const f = S.accountFilterInput.parse(input);
  const id = f.account ? (await requireAccount(sql, f.account)).id : undefined;
  type Row = { id: string; kind: string; method: string | null; path: string; remaining: number; params: unknown };
  const rows = await sql<Row[]>`
    select id, kind, method, path, remaining, params from smartbill_sandbox.faults
    ${id !== undefined ? sql`where account_id = ${id}` : sql``} order by id`;
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Wipes every sandbox table (the schema stays). */
export async function wipe(sql: Sql): Promise<void> {
  await sql`
    truncate smartbill_sandbox.accounts, smartbill_sandbox.companies, smartbill_sandbox.series,
      smartbill_sandbox.taxes, smartbill_sandbox.invoices, smartbill_sandbox.payments, smartbill_sandbox.emails,
      smartbill_sandbox.rate_limits, smartbill_sandbox.rate_limit_hits, smartbill_sandbox.faults,
      smartbill_sandbox.call_log
    restart identity cascade`;
}
