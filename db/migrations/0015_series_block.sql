ALTER TABLE "invoice_series" ADD COLUMN "blocked_by_request_id" uuid;--> statement-breakpoint
ALTER TABLE "invoice_series" ADD COLUMN "blocked_at" timestamp with time zone;