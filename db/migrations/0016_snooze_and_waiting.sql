ALTER TABLE "tickets" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_snoozed_idx" ON "tickets" USING btree ("snoozed_until","id") WHERE "tickets"."status" = 'open' and "tickets"."snoozed_until" is not null;--> statement-breakpoint
CREATE INDEX "tickets_waiting_idx" ON "tickets" USING btree ("waiting_since","id") WHERE "tickets"."status" = 'open' and "tickets"."snoozed_until" is null and "tickets"."waiting_since" is not null;--> statement-breakpoint
UPDATE "tickets" t SET "waiting_since" = (
  SELECT min(w.created_at) FROM "messages" w
  WHERE w.ticket_id = t.id AND w.direction = 'inbound'
    AND w.created_at > coalesce((
      SELECT max(a.created_at) FROM "messages" a
      WHERE a.ticket_id = t.id AND a.direction = 'outbound' AND a.rule_id IS NULL AND a.rule_name IS NULL
    ), '-infinity'::timestamptz)
) WHERE t.status = 'open';
