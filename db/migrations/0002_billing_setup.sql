CREATE TYPE "public"."generation_mode" AS ENUM('automatic', 'manual');--> statement-breakpoint
CREATE TYPE "public"."vat_mode" AS ENUM('payer_included', 'payer_added', 'not_payer');--> statement-breakpoint
CREATE TABLE "billing_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"company_name" text NOT NULL,
	"cif" text NOT NULL,
	"reg_com" text,
	"address" text,
	"city" text,
	"county" text,
	"country" text DEFAULT 'Romania' NOT NULL,
	"email" text,
	"phone" text,
	"iban" text,
	"bank" text,
	"vat_payer" boolean DEFAULT true NOT NULL,
	"currency" text DEFAULT 'RON' NOT NULL,
	"invoice_language" text DEFAULT 'RO' NOT NULL,
	"due_days" integer DEFAULT 15 NOT NULL,
	"series_name" text,
	"default_vat_name" text,
	"default_vat_percentage" numeric(5, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"generation_mode" "generation_mode" DEFAULT 'automatic' NOT NULL,
	"trigger_debt_cleared" boolean DEFAULT true NOT NULL,
	"trigger_down_payment" boolean DEFAULT true NOT NULL,
	"vat_mode" "vat_mode" DEFAULT 'payer_included' NOT NULL,
	"vat_synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "setup_progress" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"current_step" text DEFAULT 'credentials' NOT NULL,
	"completed_steps" text[] DEFAULT '{}' NOT NULL,
	"test_draft" jsonb,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "smartbill_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"username" text NOT NULL,
	"token_ciphertext" text NOT NULL,
	"token_last4" text NOT NULL,
	"cif" text NOT NULL,
	"base_url" text,
	"is_sandbox" boolean DEFAULT false NOT NULL,
	"vat_payer" boolean DEFAULT true NOT NULL,
	"last_verified_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error_code" text,
	"last_error_message" text,
	"last_error_original" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disconnected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vat_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"percentage" numeric(5, 2) NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vat_syncs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"added" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"removed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"changed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"vat_payer" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_profiles" ADD CONSTRAINT "billing_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setup_progress" ADD CONSTRAINT "setup_progress_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smartbill_connections" ADD CONSTRAINT "smartbill_connections_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smartbill_connections" ADD CONSTRAINT "smartbill_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_levels" ADD CONSTRAINT "vat_levels_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_syncs" ADD CONSTRAINT "vat_syncs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_syncs" ADD CONSTRAINT "vat_syncs_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_profiles_org_idx" ON "billing_profiles" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_profiles_default_key" ON "billing_profiles" USING btree ("org_id") WHERE "billing_profiles"."is_default" and "billing_profiles"."archived_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "smartbill_connections_active_org_key" ON "smartbill_connections" USING btree ("org_id") WHERE "smartbill_connections"."disconnected_at" is null;--> statement-breakpoint
CREATE INDEX "smartbill_connections_org_idx" ON "smartbill_connections" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vat_levels_org_name_key" ON "vat_levels" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "vat_syncs_org_time_idx" ON "vat_syncs" USING btree ("org_id","created_at");