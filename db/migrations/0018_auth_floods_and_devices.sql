CREATE TABLE "sign_up_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "device_id" text;--> statement-breakpoint
CREATE INDEX "sign_up_attempts_time_idx" ON "sign_up_attempts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sign_up_attempts_client_time_idx" ON "sign_up_attempts" USING btree ("client_address","created_at");--> statement-breakpoint
CREATE INDEX "invitations_invited_by_time_idx" ON "invitations" USING btree ("invited_by","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_device_time_idx" ON "sign_in_attempts" USING btree ("device_id","created_at");