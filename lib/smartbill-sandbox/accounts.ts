// Accounts, companies, series and taxes: the configuration a SmartBill Cloud user would set up in the UI.
import { num, type Q } from "./db";

export type WindowMode = "fixed" | "sliding";
export interface RateLimitConfig {
  limit: number;
  windowMs: number;
  blockMs: number;
  mode: WindowMode;
}
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 30, windowMs: 10_000, blockMs: 600_000, mode: "fixed" };

export interface Account {
  id: number;
  email: string;
  tokenHash: string;
  apiAccess: boolean;
  rateLimit: RateLimitConfig;
}

export interface Company {
  id: number;
  accountId: number;
  cif: string;
  name: string;
  address: string;
  vatPayer: boolean;
  /** null: the plan has no document limit. */
  quotaRemaining: number | null;
  quotaTotal: number | null;
  useProductCode: boolean;
  smtpConfigured: boolean;
  stockEnabled: boolean;
  unknownFieldMode: "json" | "html500";
  deleteCounterMode: "reuse" | "keep";
  legacyInvoicePost: boolean;
}

export interface Series {
  name: string;
  type: "f" | "p" | "c";
  nextNumber: number;
  padWidth: number;
}

export interface Tax {
  name: string;
  percentage: number;
}

interface AccountRow {
  id: number;
  email: string;
  token_hash: string;
  api_access: boolean;
  rl_limit: number;
  rl_window_ms: number;
  rl_block_ms: number;
  rl_mode: WindowMode;
}

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    email: r.email,
    tokenHash: r.token_hash,
    apiAccess: r.api_access,
    rateLimit: { limit: r.rl_limit, windowMs: r.rl_window_ms, blockMs: r.rl_block_ms, mode: r.rl_mode },
  };
}

export async function findAccountByTokenHash(q: Q, tokenHash: string): Promise<Account | undefined> {
  const [row] = await q<AccountRow[]>`select * from smartbill_sandbox.accounts where token_hash = ${tokenHash}`;
  return row && toAccount(row);
}

export async function findAccountByEmail(q: Q, email: string): Promise<Account | undefined> {
  const [row] = await q<AccountRow[]>`
    select * from smartbill_sandbox.accounts where lower(email) = lower(${email})`;
  return row && toAccount(row);
}

const companyColumns = (q: Q) => q`
  id, account_id as "accountId", cif, name, address, vat_payer as "vatPayer",
  quota_remaining as "quotaRemaining", quota_total as "quotaTotal", use_product_code as "useProductCode",
  smtp_configured as "smtpConfigured", stock_enabled as "stockEnabled",
  unknown_field_mode as "unknownFieldMode", delete_counter_mode as "deleteCounterMode",
  legacy_invoice_post as "legacyInvoicePost"`;

/** CIFs match exactly as configured: `RO12345678` and `12345678` are different companies. */
export async function findCompanyByCif(q: Q, cif: string): Promise<Company | undefined> {
  const [row] = await q<Company[]>`select ${companyColumns(q)} from smartbill_sandbox.companies where cif = ${cif}`;
  return row;
}

export async function findCompanyById(q: Q, id: number): Promise<Company | undefined> {
  const [row] = await q<Company[]>`select ${companyColumns(q)} from smartbill_sandbox.companies where id = ${id}`;
  return row;
}

/** Locks the company row: quota checks and decrements stay exact under concurrent issuing. */
export async function lockCompany(q: Q, companyId: number): Promise<Company> {
  const [row] = await q<Company[]>`
    select ${companyColumns(q)} from smartbill_sandbox.companies where id = ${companyId} for update`;
  if (!row) throw new Error(`company ${companyId} vanished`);
  return row;
}

export async function listSeries(q: Q, companyId: number, type?: string): Promise<Series[]> {
  return q<Series[]>`
    select name, type, next_number as "nextNumber", pad_width as "padWidth"
    from smartbill_sandbox.series
    where company_id = ${companyId} ${type ? q`and type = ${type}` : q``}
    order by type, name`;
}

export async function findSeries(q: Q, companyId: number, type: string, name: string, lock = false) {
  const [row] = await q<Series[]>`
    select name, type, next_number as "nextNumber", pad_width as "padWidth"
    from smartbill_sandbox.series
    where company_id = ${companyId} and type = ${type} and name = ${name}
    ${lock ? q`for update` : q``}`;
  return row;
}

export async function listTaxes(q: Q, companyId: number): Promise<Tax[]> {
  const rows = await q<{ name: string; percentage: string }[]>`
    select name, percentage from smartbill_sandbox.taxes where company_id = ${companyId} order by position, name`;
  return rows.map((r) => ({ name: r.name, percentage: num(r.percentage) }));
}
