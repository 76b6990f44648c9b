ALTER TABLE "canned_replies" RENAME TO "saved_replies";--> statement-breakpoint
ALTER TABLE "saved_replies" RENAME CONSTRAINT "canned_replies_pkey" TO "saved_replies_pkey";--> statement-breakpoint
ALTER TABLE "saved_replies" RENAME CONSTRAINT "canned_replies_created_by_users_id_fk" TO "saved_replies_created_by_users_id_fk";
