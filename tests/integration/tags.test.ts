import { and, asc, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { events, rules, tags, tickets, type User } from "@/db/schema";
import { describeAdminAction } from "@/lib/audit/describe";
import { AppError } from "@/lib/errors";
import { INBOX_CHANNEL, type InboxEvent } from "@/lib/realtime/publish";
import { testDatabases, useDatabase } from "../support/database";
import { seedAdmin, seedAgent, seedTicket } from "../support/inbox-seed";

// Who is calling is whoever the test says; requireAdmin refuses agents with the error Next's
// forbidden() throws.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => {
  const current = async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  };
  return {
    authorizeRequest: current,
    requireUser: current,
    getSessionUser: async () => session.user,
    requireAdmin: async () => {
      const user = await current();
      if (user.role !== "admin") throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;403"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
      return user;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { POST: tagRoute, DELETE: untagRoute } = await import("@/app/api/tickets/[ticketId]/tags/route");
const { GET: tagNamesRoute } = await import("@/app/api/tags/route");
const { GET: listRoute } = await import("@/app/api/tickets/route");
const { GET: countsRoute } = await import("@/app/api/tickets/counts/route");
const { GET: threadRoute } = await import("@/app/api/tickets/[ticketId]/thread/route");
const { renameTagAction, mergeTagAction, deleteTagAction } = await import("@/lib/tags/actions");
const { createRule } = await import("@/lib/rules/manage");

const BASE = "http://inbox.test";
const ctx = (ticketId: string) => ({ params: Promise.resolve({ ticketId }) });
const FORBIDDEN = expect.objectContaining({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });

function tagRequest(ticketId: string, method: "POST" | "DELETE", name: unknown) {
  const request = new Request(`${BASE}/api/tickets/${ticketId}/tags`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) });
  return (method === "POST" ? tagRoute : untagRoute)(request, ctx(ticketId));
}

async function answer(response: Response): Promise<{ status: number; body: Record<string, unknown> & { error?: { message: string } } }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { message: string } } };
}

describe.each(testDatabases())("tags on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: User;
  let admin: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    agent = await seedAgent(handle.db, "Tia Agent");
    admin = await seedAdmin(handle.db, "Ada Admin");
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  const tagsOf = async (ticketId: string) => (await handle.db.select({ tags: tickets.tags }).from(tickets).where(eq(tickets.id, ticketId)))[0]!.tags;
  const allTags = async () => (await handle.db.select({ name: tags.name }).from(tags).orderBy(asc(tags.name))).map((row) => row.name);
  const tagId = async (name: string) => (await handle.db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)))[0]!.id;
  const auditEntries = async () =>
    (
      await handle.db
        .select({ type: events.type, data: events.data })
        .from(events)
        .where(and(isNull(events.ticketId), like(events.type, "tag.%")))
        .orderBy(asc(events.id))
    ).map((entry) => describeAdminAction({ type: entry.type, data: entry.data, actorName: "Ada Admin" }));

  it("keeps one tag per name whatever its case or spacing, and records who added and removed it on the timeline", async () => {
    session.user = agent;
    const { ticket: first } = await seedTicket(handle.db);
    const { ticket: second } = await seedTicket(handle.db);
    const heard: InboxEvent[] = [];
    const stop = await handle.listen(INBOX_CHANNEL, (payload) => heard.push(JSON.parse(payload) as InboxEvent));

    expect(await answer(await tagRequest(first.id, "POST", "VIP"))).toEqual({ status: 200, body: { name: "vip" } });
    expect(await answer(await tagRequest(second.id, "POST", "  Vip "))).toEqual({ status: 200, body: { name: "vip" } });
    expect((await tagRequest(first.id, "POST", "vIP")).status).toBe(200);
    expect((await tagRequest(first.id, "POST", "Gold   Member")).status).toBe(200);
    expect(await tagsOf(first.id)).toEqual(["vip", "gold member"]);
    expect(await tagsOf(second.id)).toEqual(["vip"]);
    expect(await allTags()).toEqual(["gold member", "vip"]);

    // Other inboxes hear of the ticket and of the new tag.
    await vi.waitFor(() => expect(heard).toEqual(expect.arrayContaining([{ type: "ticket.updated", ticketId: first.id }, { type: "tags.changed" }])));
    await stop();

    expect((await tagRequest(first.id, "DELETE", "GOLD MEMBER")).status).toBe(200);
    expect(await tagsOf(first.id)).toEqual(["vip"]);

    const { body: thread } = await answer(await threadRoute(new Request(`${BASE}/api/tickets/${first.id}/thread`), ctx(first.id)));
    expect((thread.events as { text: string }[]).map((event) => event.text)).toEqual([
      "Tia Agent added the tag “vip”",
      "Tia Agent added the tag “gold member”",
      "Tia Agent removed the tag “gold member”",
    ]);

    // Suggestions: names holding what was typed, in any case, those starting with it first.
    const { body: suggested } = await answer(await tagNamesRoute(new Request(`${BASE}/api/tags?q=M`)));
    expect(suggested).toEqual({ tags: ["gold member"] });
  });

  it("refuses names over 50 characters, empty ones and control or invisible characters, changing nothing", async () => {
    session.user = agent;
    const { ticket } = await seedTicket(handle.db);
    await tagRequest(ticket.id, "POST", "urgent");
    const before = await allTags();
    const refusals: [unknown, string][] = [
      ["x".repeat(51), "Tags have at most 50 characters; this one has 51."],
      ["   ", "Write the tag's name."],
      ["line\nbreak", "Tags cannot hold control or invisible characters (such as a line break or a tab). Type the name again without them."],
      ["tab\there", "Tags cannot hold control or invisible characters (such as a line break or a tab). Type the name again without them."],
      ["zero\u200bwidth", "Tags cannot hold control or invisible characters (such as a line break or a tab). Type the name again without them."],
      ["nul\u0000", "Tags cannot hold control or invisible characters (such as a line break or a tab). Type the name again without them."],
    ];
    for (const [name, message] of refusals) {
      const refused = await answer(await tagRequest(ticket.id, "POST", name));
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body.error?.message).toBe(message);
    }
    expect((await tagRequest(ticket.id, "POST", 42)).status).toBe(400);
    expect((await tagRequest(ticket.id, "POST", "é".repeat(50))).status).toBe(200);
    expect(await tagsOf(ticket.id)).toEqual(["urgent", "é".repeat(50)]);
    expect(await allTags()).toEqual([...before, "é".repeat(50)].sort());
    expect((await tagRequest("00000000-0000-4000-8000-000000000000", "POST", "vip")).status).toBe(404);
  });

  it("filters the list and its counts by tag, finding what search's tag: finds", async () => {
    session.user = agent;
    const { ticket: tagged, integration } = await seedTicket(handle.db);
    const { ticket: closed } = await seedTicket(handle.db);
    const { ticket: plain } = await seedTicket(handle.db);
    await tagRequest(tagged.id, "POST", "Filter Me");
    await tagRequest(closed.id, "POST", "filter me");
    await handle.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, closed.id));

    const ids = async (query: string) => ((await answer(await listRoute(new Request(`${BASE}/api/tickets?${query}`)))).body.tickets as { id: string }[]).map((t) => t.id).sort();
    expect(await ids("view=all&tag=FILTER%20ME")).toEqual([tagged.id, closed.id].sort());
    expect(await ids("view=all&tag=filter%20me")).toEqual(await ids(`view=all&q=${encodeURIComponent('tag:"Filter ME"')}`));
    expect(await ids("view=open&tag=filter%20me")).toEqual([tagged.id]);
    expect(await ids(`view=open&tag=filter%20me&integration=${integration.id}`)).toEqual([tagged.id]);
    expect(await ids("view=all&tag=no%20such%20tag")).toEqual([]);
    expect(await ids("view=all&tag=filter%20me")).not.toContain(plain.id);

    const { body: counts } = await answer(await countsRoute(new Request(`${BASE}/api/tickets/counts?tag=filter%20me`)));
    expect(counts).toMatchObject({ open: 1, closed: 1, all: 2, unassigned: 1, mine: 0 });
  });

  it("lets an admin rename, merge and delete tags on every ticket and rule, each in the audit log; bad names change nothing", async () => {
    session.user = agent;
    const { ticket: a } = await seedTicket(handle.db);
    const { ticket: b } = await seedTicket(handle.db);
    await tagRequest(a.id, "POST", "refund");
    await tagRequest(a.id, "POST", "returns");
    await tagRequest(b.id, "POST", "return");
    await tagRequest(b.id, "POST", "spam");
    const rule = await createRule({ db: handle.db, input: { name: "Tag refunds", trigger: "message_received", conditions: [], actions: [{ type: "add_tag", tag: "Refund" }] } });
    expect(rule.actions).toEqual([{ type: "add_tag", tag: "refund" }]);

    // Agents may not.
    await expect(renameTagAction({ id: await tagId("refund"), name: "money back" })).rejects.toEqual(FORBIDDEN);
    await expect(deleteTagAction({ id: await tagId("spam") })).rejects.toEqual(FORBIDDEN);
    await expect(mergeTagAction({ id: await tagId("return"), intoId: await tagId("returns") })).rejects.toEqual(FORBIDDEN);

    session.user = admin;
    const tagsBefore = await allTags();
    // Another tag's name in any case, a name too long, a control character: refused, nothing changes.
    expect(await renameTagAction({ id: await tagId("refund"), name: "RETURNS" })).toEqual({
      ok: false,
      message: "A tag named “returns” exists already. To make the two one tag, merge “refund” into it.",
      fieldErrors: { name: "A tag named “returns” exists already. To make the two one tag, merge “refund” into it." },
    });
    expect(await renameTagAction({ id: await tagId("refund"), name: "y".repeat(51) })).toMatchObject({ ok: false, message: "Tags have at most 50 characters; this one has 51." });
    expect(await renameTagAction({ id: await tagId("refund"), name: "money\tback" })).toMatchObject({ ok: false, message: expect.stringContaining("control or invisible characters") });
    expect(await renameTagAction({ id: await tagId("refund"), name: " Refund " })).toMatchObject({ ok: false, message: "“refund” is this tag's name already." });
    expect(await renameTagAction({ id: "00000000-0000-4000-8000-000000000000", name: "x" })).toMatchObject({ ok: false, message: expect.stringContaining("no longer exists") });
    expect(await allTags()).toEqual(tagsBefore);
    expect(await tagsOf(a.id)).toEqual(["refund", "returns"]);

    expect(await renameTagAction({ id: await tagId("refund"), name: "Money  Back" })).toEqual({ ok: true, name: "money back", tickets: 1 });
    expect(await tagsOf(a.id)).toEqual(["money back", "returns"]);
    expect((await handle.db.select().from(rules).where(eq(rules.id, rule.id)))[0]!.actions).toEqual([{ type: "add_tag", tag: "money back" }]);

    // Merging "returns" into "return": ticket a gets "return" in its place; b, which had "return", keeps one.
    await tagRequest(b.id, "POST", "returns");
    expect(await mergeTagAction({ id: await tagId("returns"), intoId: await tagId("return") })).toEqual({ ok: true, into: "return", tickets: 2 });
    expect(await tagsOf(a.id)).toEqual(["money back", "return"]);
    expect(await tagsOf(b.id)).toEqual(["return", "spam"]);
    expect(await allTags()).not.toContain("returns");

    // A tag a rule adds is not deleted (the rule would make it again); once the rule is gone it is.
    const refused = await deleteTagAction({ id: await tagId("money back") });
    expect(refused).toEqual({ ok: false, message: "The rule “Tag refunds” adds this tag. Change it under Settings → Rules first, then delete the tag." });
    expect(await tagsOf(a.id)).toContain("money back");
    await handle.db.delete(rules).where(eq(rules.id, rule.id));
    expect(await deleteTagAction({ id: await tagId("money back") })).toEqual({ ok: true, tickets: 1 });
    expect(await deleteTagAction({ id: await tagId("spam") })).toEqual({ ok: true, tickets: 1 });
    expect(await tagsOf(a.id)).toEqual(["return"]);
    expect(await tagsOf(b.id)).toEqual(["return"]);
    expect(await allTags()).not.toEqual(expect.arrayContaining(["money back"]));

    expect(await auditEntries()).toEqual([
      "Ada Admin renamed the tag “refund” to “money back” (on 1 ticket)",
      "Ada Admin merged the tag “returns” into “return” (on 2 tickets)",
      "Ada Admin deleted the tag “money back” (on 1 ticket)",
      "Ada Admin deleted the tag “spam” (on 1 ticket)",
    ]);
  });

  it("holds rules' tags to the same rules", async () => {
    await expect(createRule({ db: handle.db, input: { name: "Too long", trigger: "message_received", conditions: [], actions: [{ type: "add_tag", tag: "z".repeat(51) }] } })).rejects.toMatchObject({
      fieldErrors: { "actions.0.tag": "Tags have at most 50 characters; this one has 51." },
    });
    await expect(createRule({ db: handle.db, input: { name: "Control", trigger: "message_received", conditions: [], actions: [{ type: "add_tag", tag: "a\nb" }] } })).rejects.toBeInstanceOf(AppError);
    const saved = await createRule({ db: handle.db, input: { name: "Spaced", trigger: "message_received", conditions: [], actions: [{ type: "add_tag", tag: "  Gold   Member " }] } });
    expect(saved.actions).toEqual([{ type: "add_tag", tag: "gold member" }]);
  });
});
