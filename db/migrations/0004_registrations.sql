CREATE TYPE "public"."buyer_type" AS ENUM('person', 'company');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('cash', 'card', 'bank_transfer', 'other');--> statement-breakpoint
CREATE TYPE "public"."payment_source" AS ENUM('manual', 'import', 'bank');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('active', 'cancelled');--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"buyer_type" "buyer_type" DEFAULT 'person' NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"city" text,
	"county" text,
	"country" text DEFAULT 'Romania' NOT NULL,
	"company_name" text,
	"cif" text,
	"reg_com" text,
	"vat_payer" boolean DEFAULT false NOT NULL,
	"search_text" text GENERATED ALWAYS AS (bursar_search_text(name || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, ''))) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_company_check" CHECK (buyer_type = 'person' or (company_name is not null and cif is not null))
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"price_bani" integer NOT NULL,
	"billing_profile_id" uuid,
	"vat_name" text,
	"vat_percentage" numeric(5, 2),
	"term_name" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "courses_price_check" CHECK (price_bani > 0 and price_bani <= 100000000),
	CONSTRAINT "courses_term_check" CHECK (term_end >= term_start)
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"org_id" uuid NOT NULL,
	"header_key" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"amount_bani" integer NOT NULL,
	"paid_on" date NOT NULL,
	"method" "payment_method" NOT NULL,
	"source" "payment_source" DEFAULT 'manual' NOT NULL,
	"external_key" text,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"voided_by" uuid,
	CONSTRAINT "payments_amount_check" CHECK (amount_bani > 0 and amount_bani <= 100000000),
	CONSTRAINT "payments_void_check" CHECK ((voided_at is null) = (void_reason is null))
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"participant_name" text NOT NULL,
	"client_name" text NOT NULL,
	"course_name" text NOT NULL,
	"reference" text NOT NULL,
	"price_bani" integer NOT NULL,
	"down_payment_bani" integer,
	"status" "registration_status" DEFAULT 'active' NOT NULL,
	"paid_bani" bigint DEFAULT 0 NOT NULL,
	"balance_bani" bigint GENERATED ALWAYS AS (price_bani - paid_bani) STORED NOT NULL,
	"payment_status" text GENERATED ALWAYS AS (case when paid_bani <= 0 then 'not_paid' when paid_bani > price_bani then 'overpaid' when paid_bani = price_bani then 'paid' when down_payment_bani is not null and paid_bani >= down_payment_bani then 'down_payment_paid' else 'partially_paid' end) STORED NOT NULL,
	"search_text" text GENERATED ALWAYS AS (bursar_search_text(client_name || ' ' || participant_name || ' ' || reference)) STORED NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_price_check" CHECK (price_bani > 0 and price_bani <= 100000000),
	CONSTRAINT "registrations_down_payment_check" CHECK (down_payment_bani is null or (down_payment_bani > 0 and down_payment_bani <= price_bani)),
	CONSTRAINT "registrations_paid_check" CHECK (paid_bani >= 0)
);
--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_billing_profile_id_billing_profiles_id_fk" FOREIGN KEY ("billing_profile_id") REFERENCES "public"."billing_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_org_name_idx" ON "clients" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "clients_org_email_idx" ON "clients" USING btree ("org_id",lower("email"));--> statement-breakpoint
CREATE INDEX "clients_search_idx" ON "clients" USING gin ("org_id","search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "courses_org_name_idx" ON "courses" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "courses_org_term_idx" ON "courses" USING btree ("org_id","term_name");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_org_header_key" ON "import_mappings" USING btree ("org_id","header_key");--> statement-breakpoint
CREATE INDEX "payments_org_registration_idx" ON "payments" USING btree ("org_id","registration_id","paid_on");--> statement-breakpoint
CREATE INDEX "payments_org_paid_on_idx" ON "payments" USING btree ("org_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_org_external_key" ON "payments" USING btree ("org_id","source","external_key") WHERE "payments"."external_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_org_reference_key" ON "registrations" USING btree ("org_id","reference");--> statement-breakpoint
CREATE INDEX "registrations_org_created_idx" ON "registrations" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "registrations_org_participant_idx" ON "registrations" USING btree ("org_id","participant_name","id");--> statement-breakpoint
CREATE INDEX "registrations_org_client_name_idx" ON "registrations" USING btree ("org_id","client_name","id");--> statement-breakpoint
CREATE INDEX "registrations_org_course_name_idx" ON "registrations" USING btree ("org_id","course_name","id");--> statement-breakpoint
CREATE INDEX "registrations_org_price_idx" ON "registrations" USING btree ("org_id","price_bani","id");--> statement-breakpoint
CREATE INDEX "registrations_org_paid_idx" ON "registrations" USING btree ("org_id","paid_bani","id");--> statement-breakpoint
CREATE INDEX "registrations_org_balance_idx" ON "registrations" USING btree ("org_id","balance_bani","id");--> statement-breakpoint
CREATE INDEX "registrations_org_status_idx" ON "registrations" USING btree ("org_id","payment_status","created_at","id");--> statement-breakpoint
CREATE INDEX "registrations_org_course_idx" ON "registrations" USING btree ("org_id","course_id","created_at","id");--> statement-breakpoint
CREATE INDEX "registrations_org_client_idx" ON "registrations" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "registrations_search_idx" ON "registrations" USING gin ("org_id","search_text" gin_trgm_ops);