CREATE TABLE "invoice_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"http_status" integer,
	"error_code" text,
	"request_body" jsonb,
	"response_body" text,
	"expected_number" text,
	"actor_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "invoice_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_batch_id" text NOT NULL,
	"requested_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "invoice_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"request_key" text NOT NULL,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"payment_id" uuid,
	"batch_id" uuid,
	"priority" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"amount_bani" integer NOT NULL,
	"billing_profile_id" uuid,
	"company_cif" text NOT NULL,
	"series_name" text NOT NULL,
	"vat_name" text,
	"vat_percent" numeric(5, 2),
	"vat_override" jsonb,
	"payload" jsonb NOT NULL,
	"total_bani" integer NOT NULL,
	"net_bani" integer NOT NULL,
	"vat_bani" integer NOT NULL,
	"expected_number" text,
	"lease_until" timestamp with time zone,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"failure_type" text,
	"failure_reason" text,
	"failure_text" text,
	"retryable" boolean,
	"evidence" jsonb,
	"issued_series" text,
	"issued_number" text,
	"document_id" text,
	"document_url" text,
	"document_view_url" text,
	"issued_at" timestamp with time zone,
	"needs_storno" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_requests_amount_check" CHECK (amount_bani > 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_series" (
	"org_id" uuid NOT NULL,
	"company_cif" text NOT NULL,
	"series_name" text NOT NULL,
	"next_number" integer,
	"pad_width" integer,
	"known_at" timestamp with time zone,
	"holder" uuid,
	"held_until" timestamp with time zone,
	"in_flight_request_id" uuid,
	"in_flight_since" timestamp with time zone,
	CONSTRAINT "invoice_series_org_id_company_cif_series_name_pk" PRIMARY KEY("org_id","company_cif","series_name")
);
--> statement-breakpoint
CREATE TABLE "invoicing_pauses" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"paused_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
ALTER TABLE "invoice_attempts" ADD CONSTRAINT "invoice_attempts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_attempts" ADD CONSTRAINT "invoice_attempts_request_id_invoice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."invoice_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_attempts" ADD CONSTRAINT "invoice_attempts_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_batches" ADD CONSTRAINT "invoice_batches_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_batches" ADD CONSTRAINT "invoice_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_batch_id_invoice_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."invoice_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_billing_profile_id_billing_profiles_id_fk" FOREIGN KEY ("billing_profile_id") REFERENCES "public"."billing_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_series" ADD CONSTRAINT "invoice_series_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing_pauses" ADD CONSTRAINT "invoicing_pauses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_attempts_org_request_idx" ON "invoice_attempts" USING btree ("org_id","request_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_batches_org_client_key" ON "invoice_batches" USING btree ("org_id","client_batch_id");--> statement-breakpoint
CREATE INDEX "invoice_batches_org_created_idx" ON "invoice_batches" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_requests_org_key" ON "invoice_requests" USING btree ("org_id","request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_requests_org_open_manual_key" ON "invoice_requests" USING btree ("org_id","registration_id") WHERE kind in ('manual', 'bulk') and status in ('queued', 'issuing', 'in_doubt');--> statement-breakpoint
CREATE INDEX "invoice_requests_org_drain_idx" ON "invoice_requests" USING btree ("org_id","company_cif","series_name","status","priority" DESC NULLS LAST,"created_at");--> statement-breakpoint
CREATE INDEX "invoice_requests_org_registration_idx" ON "invoice_requests" USING btree ("org_id","registration_id","created_at");--> statement-breakpoint
CREATE INDEX "invoice_requests_org_status_idx" ON "invoice_requests" USING btree ("org_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "invoice_requests_org_batch_idx" ON "invoice_requests" USING btree ("org_id","batch_id","status");--> statement-breakpoint
CREATE INDEX "invoice_requests_org_issued_idx" ON "invoice_requests" USING btree ("org_id","issued_at");--> statement-breakpoint
CREATE INDEX "invoice_requests_org_payment_idx" ON "invoice_requests" USING btree ("org_id","payment_id");