import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Every tag in use, by its one name. Names are stored normalised (lib/tags/name.ts: lower
 * case, trimmed, single spaces), so "VIP" and "vip" are one tag and the unique index holds
 * it; tickets.tags carries the same names.
 */
export const tags = pgTable("tags", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("tags_name_key").on(t.name)]);

export type Tag = typeof tags.$inferSelect;
