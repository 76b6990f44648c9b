CREATE TABLE "tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_key" ON "tags" USING btree ("name");--> statement-breakpoint
CREATE INDEX "tickets_tags_idx" ON "tickets" USING gin ("tags");--> statement-breakpoint
UPDATE "tickets" SET "tags" = ARRAY(
	SELECT n.name FROM (
		SELECT lower(regexp_replace(btrim(u.name), '\s+', ' ', 'g')) AS name, min(u.i) AS first
		FROM unnest("tickets"."tags") WITH ORDINALITY AS u(name, i)
		WHERE btrim(u.name) <> ''
		GROUP BY 1
	) n ORDER BY n.first
) WHERE cardinality("tags") > 0;--> statement-breakpoint
INSERT INTO "tags" ("name") SELECT DISTINCT unnest("tags") FROM "tickets" ON CONFLICT DO NOTHING;
