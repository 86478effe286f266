-- Verification failures used to be stored under their own names; keep one vocabulary (SmartBill's codes).
UPDATE "smartbill_connections" SET "last_error_code" = 'unavailable' WHERE "last_error_code" = 'unreachable';--> statement-breakpoint
ALTER TABLE "smartbill_connections" DROP COLUMN "last_error_message";