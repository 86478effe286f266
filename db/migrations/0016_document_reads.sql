CREATE TABLE "document_reads" (
	"org_id" uuid NOT NULL,
	"company_cif" text NOT NULL,
	"series_name" text NOT NULL,
	"number" text NOT NULL,
	"marks" text[] NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_reads_org_id_company_cif_series_name_number_pk" PRIMARY KEY("org_id","company_cif","series_name","number")
);
--> statement-breakpoint
ALTER TABLE "document_reads" ADD CONSTRAINT "document_reads_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;