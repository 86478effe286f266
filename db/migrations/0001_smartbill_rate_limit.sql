CREATE TABLE "smartbill_rate_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_key" text NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"latest_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"http_status" integer
);
--> statement-breakpoint
CREATE TABLE "smartbill_rate_state" (
	"token_key" text PRIMARY KEY NOT NULL,
	"blocked_until" timestamp with time zone,
	"block_reason" text,
	"recovering" boolean DEFAULT false NOT NULL,
	"rate_limited_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "smartbill_rate_calls_key_latest_idx" ON "smartbill_rate_calls" USING btree ("token_key","latest_at");