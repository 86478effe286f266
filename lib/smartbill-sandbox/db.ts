import type postgres from "postgres";

/** A postgres.js pool. The sandbox never builds its own in library code: callers pass one in. */
export type Sql = postgres.Sql;
/** The pool or a transaction, for queries that may run inside a caller's transaction. */
export type Q = postgres.Sql | postgres.TransactionSql;

/** int8 and numeric arrive as strings from postgres.js; amounts here stay far below 2^53. */
export function num(v: string | number | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

// The app shares its pool with drizzle, which turns off postgres.js's own date and JSON serialisers
// (and date parsing). Passing ISO strings and JSON text, and reading timestamps through `asDate`,
// works with either configuration. Use as `${iso(d)}::timestamptz` and `${jsonText(v)}::text::jsonb`.
export function iso(d: Date): string {
  return d.toISOString();
}

export function jsonText(v: unknown): string {
  return JSON.stringify(v);
}

export function asDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}

export function asJson<T>(v: T | string): T {
  return typeof v === "string" ? (JSON.parse(v) as T) : v;
}
