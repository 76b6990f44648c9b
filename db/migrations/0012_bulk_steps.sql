CREATE TYPE "public"."bulk_outcome" AS ENUM('changed', 'unchanged', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."bulk_step_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "bulk_step_tickets" (
	"step_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"outcome" "bulk_outcome",
	"before" jsonb,
	"skipped_reason" text,
	CONSTRAINT "bulk_step_tickets_step_id_ticket_id_pk" PRIMARY KEY("step_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "bulk_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "bulk_step_status" DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"undo_of" uuid,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bulk_step_tickets" ADD CONSTRAINT "bulk_step_tickets_step_id_bulk_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."bulk_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_step_tickets" ADD CONSTRAINT "bulk_step_tickets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_steps" ADD CONSTRAINT "bulk_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_step_tickets_pending_idx" ON "bulk_step_tickets" USING btree ("step_id","ticket_id") WHERE not "bulk_step_tickets"."done";--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_steps_undo_of_key" ON "bulk_steps" USING btree ("undo_of");--> statement-breakpoint
CREATE INDEX "bulk_steps_actor_idx" ON "bulk_steps" USING btree ("actor_id","created_at" DESC NULLS LAST);