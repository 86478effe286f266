CREATE TABLE "invoice_alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"request_id" uuid,
	"attempt_id" uuid,
	"company_cif" text NOT NULL,
	"series_name" text NOT NULL,
	"number" text NOT NULL,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "outside_invoices" (
	"org_id" uuid NOT NULL,
	"company_cif" text NOT NULL,
	"series_name" text NOT NULL,
	"number" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outside_invoices_org_id_company_cif_series_name_number_pk" PRIMARY KEY("org_id","company_cif","series_name","number")
);
--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD COLUMN "mark" text;--> statement-breakpoint
ALTER TABLE "invoice_requests" ADD COLUMN "claim_id" uuid;--> statement-breakpoint
ALTER TABLE "invoice_alarms" ADD CONSTRAINT "invoice_alarms_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_alarms" ADD CONSTRAINT "invoice_alarms_request_id_invoice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."invoice_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_alarms" ADD CONSTRAINT "invoice_alarms_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outside_invoices" ADD CONSTRAINT "outside_invoices_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_alarms_org_doc_key" ON "invoice_alarms" USING btree ("org_id","company_cif","series_name","number");--> statement-breakpoint
CREATE INDEX "invoice_alarms_org_open_idx" ON "invoice_alarms" USING btree ("org_id","resolved_at");--> statement-breakpoint
CREATE INDEX "outside_invoices_org_seen_idx" ON "outside_invoices" USING btree ("org_id","seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_requests_org_mark_key" ON "invoice_requests" USING btree ("org_id","mark") WHERE mark is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_requests_org_issued_number_key" ON "invoice_requests" USING btree ("org_id","company_cif","issued_series","issued_number") WHERE issued_number is not null;--> statement-breakpoint
ALTER TABLE "invoice_series" DROP COLUMN "holder";--> statement-breakpoint
ALTER TABLE "invoice_series" DROP COLUMN "held_until";--> statement-breakpoint
ALTER TABLE "invoice_series" DROP COLUMN "in_flight_request_id";--> statement-breakpoint
ALTER TABLE "invoice_series" DROP COLUMN "in_flight_since";