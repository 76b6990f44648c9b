CREATE TABLE "sandbox_messaging_services" (
	"sid" text PRIMARY KEY NOT NULL,
	"account_sid" text NOT NULL,
	"friendly_name" text NOT NULL,
	"campaign_sid" text,
	"campaign_status" text,
	"date_created" timestamp with time zone DEFAULT now() NOT NULL,
	"date_updated" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sms_integrations" ADD COLUMN "messaging_service_sid" text;--> statement-breakpoint
ALTER TABLE "sandbox_phone_numbers" ADD COLUMN "messaging_service_sid" text;--> statement-breakpoint
ALTER TABLE "sandbox_phone_numbers" ADD COLUMN "tollfree_verification_sid" text;--> statement-breakpoint
ALTER TABLE "sandbox_phone_numbers" ADD COLUMN "tollfree_verification_status" text;