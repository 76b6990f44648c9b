import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { messages, tickets } from "./tickets";

export const ruleTrigger = pgEnum("rule_trigger", ["ticket_created", "message_received"]);

export const rules = pgTable(
  "rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    trigger: ruleTrigger("trigger").notNull(),
    conditions: jsonb("conditions").notNull().default([]).$type<unknown[]>(),
    actions: jsonb("actions").notNull().default([]).$type<unknown[]>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rules_position_idx").on(t.position)],
);

/** One run of one rule for one inbound message: running rules twice does nothing twice. */
export const ruleRuns = pgTable(
  "rule_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => rules.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    outcome: text("outcome").notNull(),
    autoReplied: boolean("auto_replied").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rule_runs_rule_message_key").on(t.ruleId, t.messageId),
    index("rule_runs_ticket_idx").on(t.ticketId, t.ruleId, t.createdAt),
  ],
);

export type Rule = typeof rules.$inferSelect;
