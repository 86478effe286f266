-- Search that ignores case and Romanian diacritics ("stefan" finds "Ștefan"), served by trigram
-- indexes. unaccent() is only STABLE (its dictionary could change), so generated columns and indexes
-- call this IMMUTABLE wrapper that names the dictionary explicitly.
create extension if not exists unaccent;
--> statement-breakpoint
create extension if not exists pg_trgm;
--> statement-breakpoint
-- Lets a GIN index start with org_id (0004; 0007 replaced those indexes with plain trigram ones).
create extension if not exists btree_gin;
--> statement-breakpoint
create or replace function bursar_search_text(value text) returns text
  language sql immutable parallel safe strict
  return lower(public.unaccent('public.unaccent'::regdictionary, value));
