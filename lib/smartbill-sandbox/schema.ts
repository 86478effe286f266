// The sandbox stands in for SmartBill's own servers, so it owns its storage: a schema of its own,
// bootstrapped here (idempotent, versioned) rather than through the app's drizzle migrations.
import type { Sql } from "./db";

export const SCHEMA = "smartbill_sandbox";

// Append-only: each entry moves the schema one version up. Statements must be idempotent.
const STEPS: string[][] = [
  [
    `create schema if not exists ${SCHEMA}`,
    `create table if not exists ${SCHEMA}.meta (key text primary key, value text not null)`,
    `create table if not exists ${SCHEMA}.accounts (
      id serial primary key,
      email text not null unique,
      token text not null,
      token_hash text not null unique,
      api_access boolean not null default true,
      rl_limit integer not null default 30,
      rl_window_ms integer not null default 10000,
      rl_block_ms integer not null default 600000,
      rl_mode text not null default 'fixed' check (rl_mode in ('fixed', 'sliding')),
      created_at timestamptz not null default now()
    )`,
    `create table if not exists ${SCHEMA}.companies (
      id serial primary key,
      account_id integer not null references ${SCHEMA}.accounts(id) on delete cascade,
      cif text not null unique,
      name text not null,
      address text not null default '',
      vat_payer boolean not null default true,
      quota_remaining integer,
      quota_total integer,
      use_product_code boolean not null default false,
      smtp_configured boolean not null default false,
      stock_enabled boolean not null default false,
      unknown_field_mode text not null default 'json' check (unknown_field_mode in ('json', 'html500')),
      delete_counter_mode text not null default 'reuse' check (delete_counter_mode in ('reuse', 'keep')),
      legacy_invoice_post boolean not null default true
    )`,
    `create table if not exists ${SCHEMA}.series (
      company_id integer not null references ${SCHEMA}.companies(id) on delete cascade,
      type text not null check (type in ('f', 'p', 'c')),
      name text not null,
      next_number integer not null default 1 check (next_number >= 1),
      pad_width integer not null default 4 check (pad_width between 1 and 12),
      primary key (company_id, type, name)
    )`,
    `create table if not exists ${SCHEMA}.taxes (
      company_id integer not null references ${SCHEMA}.companies(id) on delete cascade,
      position integer not null,
      name text not null,
      percentage numeric(6, 2) not null,
      primary key (company_id, name, percentage)
    )`,
    `create table if not exists ${SCHEMA}.invoices (
      id bigserial primary key,
      company_id integer not null references ${SCHEMA}.companies(id) on delete cascade,
      series_name text not null,
      number text not null default '',
      is_draft boolean not null default false,
      issue_date date not null,
      due_date date,
      currency text not null default 'RON',
      language text not null default 'RO',
      client jsonb not null,
      lines jsonb not null,
      total_net bigint not null,
      total_vat bigint not null,
      total bigint not null,
      state text not null default 'active' check (state in ('active', 'cancelled')),
      reversed boolean not null default false,
      storno_of bigint references ${SCHEMA}.invoices(id) on delete set null,
      view_token text not null unique,
      payment_url text,
      observations text,
      mentions text,
      created_at timestamptz not null
    )`,
    `create unique index if not exists invoices_number_uq
      on ${SCHEMA}.invoices (company_id, series_name, number) where number <> ''`,
    `create table if not exists ${SCHEMA}.payments (
      id bigserial primary key,
      company_id integer not null references ${SCHEMA}.companies(id) on delete cascade,
      invoice_id bigint references ${SCHEMA}.invoices(id) on delete cascade,
      type text not null,
      value bigint not null,
      is_cash boolean not null default true,
      series_name text not null default '',
      number text not null default '',
      issue_date date not null,
      client jsonb,
      source text not null default 'api',
      created_at timestamptz not null
    )`,
    `create index if not exists payments_invoice_idx on ${SCHEMA}.payments (invoice_id)`,
    `create table if not exists ${SCHEMA}.emails (
      id bigserial primary key,
      company_id integer not null references ${SCHEMA}.companies(id) on delete cascade,
      invoice_id bigint references ${SCHEMA}.invoices(id) on delete set null,
      recipients jsonb not null,
      subject text,
      body text,
      created_at timestamptz not null
    )`,
    `create table if not exists ${SCHEMA}.rate_limits (
      token_hash text primary key,
      window_start_ms bigint not null,
      count integer not null,
      blocked_until_ms bigint not null default 0
    )`,
    `create table if not exists ${SCHEMA}.rate_limit_hits (token_hash text not null, at_ms bigint not null)`,
    `create index if not exists rate_limit_hits_idx on ${SCHEMA}.rate_limit_hits (token_hash, at_ms)`,
    `create table if not exists ${SCHEMA}.faults (
      id bigserial primary key,
      account_id integer not null references ${SCHEMA}.accounts(id) on delete cascade,
      method text,
      path text not null,
      kind text not null,
      remaining integer not null check (remaining >= 0),
      params jsonb not null default '{}',
      created_at timestamptz not null default now()
    )`,
    `create table if not exists ${SCHEMA}.call_log (
      id bigserial primary key,
      at timestamptz not null,
      method text not null,
      path text not null,
      query text not null default '',
      token_hash text,
      account_id integer,
      status integer not null,
      fault text
    )`,
    `create index if not exists call_log_token_idx on ${SCHEMA}.call_log (token_hash, id)`,
  ],
  [
    // Tokens are kept only as their sha-256 (token_hash): a dump of the sandbox holds no usable credential.
    `alter table ${SCHEMA}.accounts drop column if exists token`,
    // Accounts provisioned for a Bursar school ("Use the sandbox"): one per school reference.
    `alter table ${SCHEMA}.accounts add column if not exists school_ref text unique`,
  ],
];

export const SCHEMA_VERSION = STEPS.length;

// Several processes (app workers, the standalone server, test files) may boot at once: one advisory
// lock serialises the DDL, and each process runs it once per connection pool.
const BOOT_LOCK = 0x5b0b;
const booted = new WeakMap<object, Promise<void>>();

export function ensureSandboxSchema(sql: Sql): Promise<void> {
  let p = booted.get(sql);
  if (!p) {
    p = bootstrap(sql).catch((e: unknown) => {
      booted.delete(sql);
      throw e;
    });
    booted.set(sql, p);
  }
  return p;
}

async function bootstrap(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${BOOT_LOCK})`;
    const [exists] = await tx<{ ok: boolean }[]>`select to_regclass(${`${SCHEMA}.meta`}) is not null as ok`;
    let version = 0;
    if (exists?.ok) {
      const [row] = await tx<{ value: string }[]>`
        select value from smartbill_sandbox.meta where key = 'schema_version'`;
      version = row ? Number(row.value) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `The ${SCHEMA} schema is at version ${version}, newer than this code (${SCHEMA_VERSION}). Update Bursar.`,
      );
    }
    for (const step of STEPS.slice(version)) {
      for (const statement of step) await tx.unsafe(statement);
    }
    if (version < SCHEMA_VERSION) {
      await tx`
        insert into smartbill_sandbox.meta (key, value) values ('schema_version', ${String(SCHEMA_VERSION)})
        on conflict (key) do update set value = excluded.value`;
    }
  });
}
