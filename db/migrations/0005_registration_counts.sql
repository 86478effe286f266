CREATE TABLE "registration_counts" (
	"org_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"payment_status" text NOT NULL,
	"status" "registration_status" NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "registration_counts_org_id_course_id_payment_status_status_pk" PRIMARY KEY("org_id","course_id","payment_status","status")
);
