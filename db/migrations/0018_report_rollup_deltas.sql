CREATE TABLE "message_rollup_deltas" (
	"hour" timestamp with time zone NOT NULL,
	"integration_id" uuid NOT NULL,
	"assignee_id" uuid,
	"country" text,
	"direction" "message_direction" NOT NULL,
	"status" "message_status" NOT NULL,
	"sent" boolean NOT NULL,
	"error_code" integer,
	"messages" integer NOT NULL,
	"segments" integer NOT NULL
);
