DROP INDEX "clients_search_idx";--> statement-breakpoint
DROP INDEX "registrations_search_idx";--> statement-breakpoint
CREATE INDEX "clients_search_trgm_idx" ON "clients" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registrations_search_trgm_idx" ON "registrations" USING gin ("search_text" gin_trgm_ops);