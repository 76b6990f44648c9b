import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx, type Transaction } from "../client";
import { rules, tags, tickets, type Tag } from "../schema";

/**
 * Tickets carrying every one of `names` (normalised names): `tags @> array[…]`, which the
 * GIN index tickets_tags_idx answers. The inbox's tag filter and search's `tag:` both use it.
 */
export function ticketHasTags(names: readonly string[]): SQL {
  return sql`${tickets.tags} @> array[${sql.join(
    names.map((name) => sql`${name}`),
    sql`, `,
  )}]::text[]`;
}

export interface TagUsage {
  id: string;
  name: string;
  /** Tickets that carry it, open and closed. */
  tickets: number;
  /** Rules with an "add a tag" action for it. */
  rules: string[];
}

/** Every tag by name, with how many tickets carry it and which rules add it (Settings → Tags). */
export async function listTagUsage({ db }: { db: DbOrTx }): Promise<TagUsage[]> {
  const answer = await db.execute(sql`
    select t.id, t.name, coalesce(c.n, 0)::int as tickets,
      coalesce((select array_agg(r.name order by r.position) from ${rules} r
        where r.actions @> jsonb_build_array(jsonb_build_object('type', 'add_tag', 'tag', t.name))), '{}') as rules
    from ${tags} t
    left join (select unnest(tags) as name, count(*) as n from ${tickets} group by 1) c on c.name = t.name
    order by t.name`);
  return rowsOf<TagUsage>(answer);
}

/** Tag names for the inbox's filter and the header's suggestions: those holding `query` (names starting with it first). */
export async function listTagNames({ db, query, limit }: { db: DbOrTx; query?: string; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ name: tags.name })
    .from(tags)
    .where(query ? sql`strpos(${tags.name}, ${query}) > 0` : undefined)
    .orderBy(...(query ? [sql`strpos(${tags.name}, ${query}) = 1 desc`] : []), asc(tags.name))
    .limit(limit);
  return rows.map((row) => row.name);
}

export async function getTag({ db, id, forUpdate = false }: { db: DbOrTx; id: string; forUpdate?: boolean }): Promise<Tag | null> {
  const query = db.select().from(tags).where(eq(tags.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function findTagByName({ db, name }: { db: DbOrTx; name: string }): Promise<Tag | null> {
  const [row] = await db.select().from(tags).where(eq(tags.name, name));
  return row ?? null;
}

/**
 * The tag named `name`, made when it is new, and held (FOR KEY SHARE) until the transaction
 * ends, so an admin's rename, merge or delete of it waits for the ticket that is being tagged
 * and then changes that ticket too. `created`: the tag did not exist before.
 */
export async function ensureTag({ tx, name }: { tx: Transaction; name: string }): Promise<{ tag: Tag; created: boolean }> {
  for (;;) {
    const [inserted] = await tx.insert(tags).values({ name }).onConflictDoNothing().returning();
    if (inserted) return { tag: inserted, created: true };
    const [held] = await tx.select().from(tags).where(eq(tags.name, name)).for("key share");
    // Deleted or renamed between the two statements: make it again.
    if (held) return { tag: held, created: false };
  }
}

/** Adds a tag to a ticket once; false when the ticket had it already. */
export async function addTagToTicket({ db, ticketId, name }: { db: DbOrTx; ticketId: string; name: string }): Promise<boolean> {
  const updated = await db
    .update(tickets)
    .set({ tags: sql`array_append(${tickets.tags}, ${name}::text)` })
    .where(sql`${tickets.id} = ${ticketId} and not ${ticketHasTags([name])}`)
    .returning({ id: tickets.id });
  return updated.length > 0;
}

/** Takes a tag off a ticket; false when the ticket did not have it. */
export async function removeTagFromTicket({ db, ticketId, name }: { db: DbOrTx; ticketId: string; name: string }): Promise<boolean> {
  const updated = await db
    .update(tickets)
    .set({ tags: sql`array_remove(${tickets.tags}, ${name}::text)` })
    .where(sql`${tickets.id} = ${ticketId} and ${ticketHasTags([name])}`)
    .returning({ id: tickets.id });
  return updated.length > 0;
}

/** Rules whose "add a tag" actions name `from` name `to` instead, in place. */
async function retargetRules(tx: Transaction, from: string, to: string): Promise<void> {
  await tx.execute(sql`
    update ${rules} set actions = (
      select jsonb_agg(case when a->>'type' = 'add_tag' and a->>'tag' = ${from} then jsonb_set(a, '{tag}', to_jsonb(${to}::text)) else a end order by i)
      from jsonb_array_elements(actions) with ordinality as e(a, i)
    ), updated_at = now()
    where actions @> jsonb_build_array(jsonb_build_object('type', 'add_tag', 'tag', ${from}::text))`);
}

/** Renames a tag on every ticket and rule; returns how many tickets carried it. */
export async function renameTagEverywhere({ tx, tag, name }: { tx: Transaction; tag: Tag; name: string }): Promise<number> {
  await tx.update(tags).set({ name }).where(eq(tags.id, tag.id));
  const changed = await tx
    .update(tickets)
    .set({ tags: sql`array_replace(${tickets.tags}, ${tag.name}::text, ${name}::text)` })
    .where(ticketHasTags([tag.name]))
    .returning({ id: tickets.id });
  await retargetRules(tx, tag.name, name);
  return changed.length;
}

/** Puts `into` wherever `from` was (once per ticket) and deletes `from`; returns how many tickets carried `from`. */
export async function mergeTagInto({ tx, from, into }: { tx: Transaction; from: Tag; into: Tag }): Promise<number> {
  const changed = await tx
    .update(tickets)
    .set({
      tags: sql`case when ${ticketHasTags([into.name])} then array_remove(${tickets.tags}, ${from.name}::text)
        else array_replace(${tickets.tags}, ${from.name}::text, ${into.name}::text) end`,
    })
    .where(ticketHasTags([from.name]))
    .returning({ id: tickets.id });
  await retargetRules(tx, from.name, into.name);
  await tx.delete(tags).where(eq(tags.id, from.id));
  return changed.length;
}

/** Takes the tag off every ticket and deletes it; returns how many tickets carried it. */
export async function deleteTagEverywhere({ tx, tag }: { tx: Transaction; tag: Tag }): Promise<number> {
  const changed = await tx
    .update(tickets)
    .set({ tags: sql`array_remove(${tickets.tags}, ${tag.name}::text)` })
    .where(ticketHasTags([tag.name]))
    .returning({ id: tickets.id });
  await tx.delete(tags).where(eq(tags.id, tag.id));
  return changed.length;
}

/** Names of the rules that add the tag, in their order. */
export async function listRulesAddingTag({ db, name }: { db: DbOrTx; name: string }): Promise<string[]> {
  const rows = await db
    .select({ name: rules.name })
    .from(rules)
    .where(sql`${rules.actions} @> jsonb_build_array(jsonb_build_object('type', 'add_tag', 'tag', ${name}::text))`)
    .orderBy(asc(rules.position));
  return rows.map((row) => row.name);
}
