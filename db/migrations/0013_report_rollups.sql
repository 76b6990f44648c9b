CREATE TABLE "message_rollups" (
	"hour" timestamp with time zone NOT NULL,
	"integration_id" uuid NOT NULL,
	"assignee_id" uuid,
	"country" text,
	"direction" "message_direction" NOT NULL,
	"status" "message_status" NOT NULL,
	"sent" boolean NOT NULL,
	"error_code" integer,
	"messages" integer NOT NULL,
	"segments" integer NOT NULL,
	CONSTRAINT "message_rollups_key" UNIQUE NULLS NOT DISTINCT("hour","integration_id","assignee_id","country","direction","status","sent","error_code")
);
--> statement-breakpoint
CREATE TABLE "reply_rollups" (
	"hour" timestamp with time zone NOT NULL,
	"author_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"assignee_id" uuid,
	"replies" integer NOT NULL,
	CONSTRAINT "reply_rollups_key" UNIQUE("hour","author_id","ticket_id")
);
--> statement-breakpoint
DROP INDEX "tickets_created_idx";--> statement-breakpoint
DROP INDEX "tickets_closed_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_inbound_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_reply_by" uuid;--> statement-breakpoint
CREATE INDEX "reply_rollups_ticket_idx" ON "reply_rollups" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_opened_report_idx" ON "tickets" USING btree ("created_at","integration_id","assignee_id","first_inbound_at","first_reply_at","first_reply_by");--> statement-breakpoint
CREATE INDEX "tickets_closed_report_idx" ON "tickets" USING btree ("closed_at","created_at","integration_id","assignee_id") WHERE "tickets"."status" = 'closed';