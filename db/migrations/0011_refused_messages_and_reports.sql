CREATE TYPE "public"."refusal_reason" AS ENUM('country_not_allowed', 'one_time_passcode', 'short_code_or_sender_name');--> statement-breakpoint
CREATE TABLE "refused_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_sid" text NOT NULL,
	"from_number" text NOT NULL,
	"country" text,
	"integration_id" uuid,
	"reason" "refusal_reason" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "segments" integer GENERATED ALWAYS AS (case
  when body = '' then 0
  when body ~ '^[\n\r !"#$%&''()*+,./0-9:;<=>?@A-Z_a-z¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ\f\[\\\]^{|}~€-]*$' then (
    case when length(body) * 2 - length(regexp_replace(body, '[\f\[\\\]^{|}~€]', '', 'g')) <= 160 then 1
    else ceil((length(body) * 2 - length(regexp_replace(body, '[\f\[\\\]^{|}~€]', '', 'g'))) / 153.0)::int end)
  else (
    case when length(body) * 2 - length(regexp_replace(body, '[\U00010000-\U0010FFFF]', '', 'g')) <= 70 then 1
    else ceil((length(body) * 2 - length(regexp_replace(body, '[\U00010000-\U0010FFFF]', '', 'g'))) / 67.0)::int end)
end) STORED;--> statement-breakpoint
ALTER TABLE "refused_messages" ADD CONSTRAINT "refused_messages_integration_id_sms_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."sms_integrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refused_messages_message_sid_key" ON "refused_messages" USING btree ("message_sid");--> statement-breakpoint
CREATE INDEX "refused_messages_created_idx" ON "refused_messages" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "refused_messages_from_idx" ON "refused_messages" USING btree ("from_number","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_agent_reply_idx" ON "messages" USING btree ("ticket_id","created_at") WHERE "messages"."direction" = 'outbound' and "messages"."author_id" is not null and "messages"."twilio_sid" is not null;--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_closed_idx" ON "tickets" USING btree ("closed_at") WHERE "tickets"."status" = 'closed';