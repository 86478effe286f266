/** PostgreSQL's unique_violation (23505), whether postgres.js raised it or drizzle wrapped it as the cause. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === "23505" || err?.cause?.code === "23505";
}
