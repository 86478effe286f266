-- The (org_id, created_at, id) index also carries status and search_text, so a text search in the
-- table's default order walks this index alone (an index-only scan) and stops after the page and
-- the capped count (db/queries/registration-search.ts) instead of reading every match. Same name and
-- key as before: drizzle's snapshot (which cannot express INCLUDE) stays right about the key.
DROP INDEX "registrations_org_created_idx";--> statement-breakpoint
CREATE INDEX "registrations_org_created_idx" ON "registrations" ("org_id", "created_at", "id") INCLUDE ("status", "search_text");
