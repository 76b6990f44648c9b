import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { events, jobs, messages, savedReplies, tags, tickets, users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { seedAdmin, seedAgent, seedTicket } from "../support/inbox-seed";

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

const { saveSavedReplyAction, deleteSavedReplyAction, saveMacroSettingsAction } = await import("@/lib/saved-replies/actions");
const { renameTagAction, mergeTagAction, deleteTagAction } = await import("@/lib/tags/actions");
const { GET: listRoute } = await import("@/app/api/saved-replies/route");
const { POST: replyRoute } = await import("@/app/api/tickets/[ticketId]/messages/route");
const { POST: applyRoute } = await import("@/app/api/tickets/[ticketId]/macro/route");
const { POST: tagRoute } = await import("@/app/api/tickets/[ticketId]/tags/route");

const BASE = "http://inbox.test";
const ctx = (ticketId: string) => ({ params: Promise.resolve({ ticketId }) });
const FORBIDDEN = expect.objectContaining({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });

function form(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, typeof value === "string" ? value : JSON.stringify(value));
  return data;
}

async function save(fields: Record<string, unknown>) {
  return saveSavedReplyAction(null, form({ body: "", ...fields }));
}

async function reply(ticketId: string, fields: Record<string, string>) {
  const data = form(fields);
  const response = await replyRoute(new Request(`${BASE}/api/tickets/${ticketId}/messages`, { method: "POST", body: data }), ctx(ticketId));
  return { status: response.status, body: (await response.json()) as { messageId?: string; error?: { message: string } } };
}

async function apply(ticketId: string, body: Record<string, string>) {
  const request = new Request(`${BASE}/api/tickets/${ticketId}/macro`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const response = await applyRoute(request, ctx(ticketId));
  return { status: response.status, body: (await response.json()) as { applied?: boolean; error?: { message: string } } };
}

async function tagTicketWith(ticketId: string, name: string) {
  const request = new Request(`${BASE}/api/tickets/${ticketId}/tags`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) });
  expect((await tagRoute(request, ctx(ticketId))).status).toBe(200);
}

describe.each(testDatabases())("macros on $name", (database) => {
  let handle: DatabaseHandle;
  let admin: User;
  let ann: User;
  let bob: User;

  const ticketRow = async (id: string) => (await handle.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
  const timeline = async (id: string) =>
    (await handle.db.select().from(events).where(eq(events.ticketId, id)).orderBy(events.createdAt)).map((event) => ({ type: event.type, data: event.data }));
  const macroRow = async (id: string) => (await handle.db.select().from(savedReplies).where(eq(savedReplies.id, id)))[0]!;
  const idOf = (result: Awaited<ReturnType<typeof save>>) => {
    expect(result).toEqual({ ok: true, id: expect.any(String) });
    return result.ok ? result.id : "";
  };

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    delete (globalThis as { __inboxHub?: unknown }).__inboxHub;
    admin = await seedAdmin(handle.db);
    ann = await seedAgent(handle.db, "Ann Agent");
    bob = await seedAgent(handle.db, "Bob Agent");
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  it("refuses macros that cannot work, each error beside its field, and keeps a valid one with its tag names normalised", async () => {
    session.user = admin;
    expect(await save({ title: "Nothing" })).toMatchObject({ ok: false, fieldErrors: { body: "Write the reply, or add at least one action to make it a macro." } });
    expect(await save({ title: "Both", actions: [{ type: "close" }, { type: "snooze", preset: "hour" }] })).toMatchObject({
      ok: false,
      fieldErrors: { "actions.1.type": "A macro can close the ticket or snooze it, not both. Remove one." },
    });
    expect(await save({ title: "Twice", actions: [{ type: "add_tag", tag: "VIP" }, { type: "remove_tag", tag: "vip" }] })).toMatchObject({
      ok: false,
      fieldErrors: { "actions.1.type": "The tag “vip” is in this macro already. Keep one action for it." },
    });
    expect(await save({ title: "Whom", actions: [{ type: "assign", to: "agent" }] })).toMatchObject({ ok: false, fieldErrors: { "actions.0.userId": "Choose the agent to assign to." } });
    expect(await save({ title: "Bad tag", actions: [{ type: "add_tag", tag: "a\tb" }] })).toMatchObject({ ok: false, fieldErrors: { "actions.0.tag": expect.stringContaining("control or invisible") } });
    expect(await save({ title: "Unknown", actions: [{ type: "remove_tag", tag: "never-made" }] })).toMatchObject({
      ok: false,
      fieldErrors: { "actions.0.tag": "No tag is called “never-made”. Check the name, or pick one from the list." },
    });
    expect(await save({ title: "Broken", actions: "[not json" })).toMatchObject({ ok: false });

    const gone = await seedAgent(handle.db, "Gone Agent");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    expect(await save({ title: "To gone", actions: [{ type: "assign", to: "agent", userId: gone.id }] })).toMatchObject({
      ok: false,
      fieldErrors: { "actions.0.userId": "That agent is deactivated or no longer here. Choose another." },
    });
    expect(await handle.db.select().from(savedReplies)).toEqual([]);

    const id = idOf(await save({ title: "Escalate", actions: [{ type: "add_tag", tag: "  Escalated " }, { type: "assign", to: "agent", userId: bob.id }] }));
    expect(await macroRow(id)).toMatchObject({ body: "", ownerId: null, actions: [{ type: "add_tag", tag: "escalated" }, { type: "assign", to: "agent", userId: bob.id }] });
    // A tag a macro adds exists from then on, as tagging a ticket makes it.
    expect(await handle.db.select().from(tags).where(eq(tags.name, "escalated"))).toHaveLength(1);
  });

  it("runs a macro's actions with the reply in one go, on the timeline, and a retried send runs nothing twice", async () => {
    session.user = admin;
    const macroId = idOf(await save({ title: "Done for VIP", body: "All sorted!", actions: [{ type: "add_tag", tag: "vip" }, { type: "assign", to: "sender" }, { type: "close" }] }));
    const { ticket } = await seedTicket(handle.db);
    session.user = ann;
    const listed = (await (await listRoute(new Request(`${BASE}/api/saved-replies`))).json()) as { replies: { id: string; summary: string }[] };
    expect(listed.replies.find((entry) => entry.id === macroId)?.summary).toBe("add tag vip · assign to you · close");

    const runId = randomUUID();
    const first = await reply(ticket.id, { body: "All sorted!", macroId, macroRunId: runId, timeZone: "Europe/Paris" });
    expect(first.status).toBe(201);
    expect(await ticketRow(ticket.id)).toMatchObject({ status: "closed", assigneeId: ann.id, tags: ["vip"] });
    const after = await timeline(ticket.id);
    expect(after).toEqual(
      expect.arrayContaining([
        { type: "ticket.tag_added", data: { tag: "vip", macro: "Done for VIP" } },
        { type: "ticket.assigned", data: { assigneeId: ann.id, assigneeName: "Ann Agent", macro: "Done for VIP" } },
        { type: "ticket.closed", data: { macro: "Done for VIP" } },
      ]),
    );

    // The answer was lost and the browser sends again: the same message, nothing run or sent twice.
    const again = await reply(ticket.id, { body: "All sorted!", macroId, macroRunId: runId });
    expect(again).toEqual({ status: 201, body: { messageId: first.body.messageId } });
    expect(await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toHaveLength(1);
    expect(await timeline(ticket.id)).toEqual(after);
  });

  it("applies a macro without text on Apply, once per application, and snoozes with a preset", async () => {
    session.user = admin;
    const macroId = idOf(await save({ title: "Park it", actions: [{ type: "add_tag", tag: "waiting on customer" }, { type: "assign", to: "nobody" }, { type: "snooze", preset: "tomorrow" }] }));
    const { ticket } = await seedTicket(handle.db);
    await handle.db.update(tickets).set({ assigneeId: bob.id }).where(eq(tickets.id, ticket.id));
    session.user = ann;
    const runId = randomUUID();
    expect(await apply(ticket.id, { savedReplyId: macroId, runId, timeZone: "America/New_York" })).toEqual({ status: 200, body: { applied: true } });
    const row = await ticketRow(ticket.id);
    expect(row).toMatchObject({ status: "open", assigneeId: null, tags: ["waiting on customer"] });
    expect(row.snoozedUntil!.getTime()).toBeGreaterThan(Date.now());
    const wake = await handle.db.select().from(jobs).where(and(eq(jobs.kind, "ticket.wake"), eq(jobs.dedupeKey, `wake:${ticket.id}:${row.snoozedUntil!.toISOString()}`)));
    expect(wake).toHaveLength(1);
    const after = await timeline(ticket.id);
    expect(after.map((event) => event.type)).toEqual(["ticket.tag_added", "ticket.unassigned", "ticket.snoozed"]);
    expect(await apply(ticket.id, { savedReplyId: macroId, runId })).toEqual({ status: 200, body: { applied: false } });
    expect(await timeline(ticket.id)).toEqual(after);
    expect(await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toEqual([]);

    const closing = idOf((session.user = admin, await save({ title: "Close quietly", actions: [{ type: "close" }] })));
    session.user = ann;
    expect((await apply(ticket.id, { savedReplyId: closing, runId: randomUUID() })).status).toBe(200);
    expect(await ticketRow(ticket.id)).toMatchObject({ status: "closed", snoozedUntil: null });
  });

  it("refuses a macro whose tag is gone or whose agent was deactivated, changing nothing", async () => {
    session.user = admin;
    const toBob = idOf(await save({ title: "To Bob", body: "Bob takes it from here.", actions: [{ type: "add_tag", tag: "handover" }, { type: "assign", to: "agent", userId: bob.id }] }));
    const { ticket } = await seedTicket(handle.db);
    const before = await ticketRow(ticket.id);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, bob.id));
    session.user = ann;
    const refused = await reply(ticket.id, { body: "Bob takes it from here.", macroId: toBob, macroRunId: randomUUID() });
    expect(refused).toEqual({ status: 409, body: { error: expect.objectContaining({ message: "The macro “To Bob” assigns to Bob Agent, who is deactivated. Nothing was changed. Ask an admin to fix the macro." }) } });
    await handle.db.update(users).set({ active: true }).where(eq(users.id, bob.id));

    // A tag removed behind the app's back (an admin's delete is refused while a macro uses it).
    await handle.db.delete(tags).where(eq(tags.name, "handover"));
    const missing = await apply(ticket.id, { savedReplyId: toBob, runId: randomUUID() });
    expect(missing.status).toBe(409);
    expect(missing.body.error?.message).toBe("The macro “To Bob” uses the tag “handover”, which no longer exists. Nothing was changed. Ask an admin to fix the macro.");
    expect(await ticketRow(ticket.id)).toEqual(before);
    expect(await timeline(ticket.id)).toEqual([]);
    expect(await handle.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toEqual([]);
  });

  it("keeps macros right when a tag is renamed or merged, and refuses deleting a tag a macro uses", async () => {
    // A tag to remove must exist: made by tagging a ticket.
    const { ticket } = await seedTicket(handle.db);
    session.user = ann;
    await tagTicketWith(ticket.id, "new");
    await tagTicketWith(ticket.id, "invoices");
    session.user = admin;
    const id = idOf(await save({ title: "Billing", actions: [{ type: "add_tag", tag: "billing" }, { type: "remove_tag", tag: "new" }] }));
    const [billing] = await handle.db.select().from(tags).where(eq(tags.name, "billing"));
    expect(await renameTagAction({ id: billing!.id, name: "Payments" })).toMatchObject({ ok: true });
    expect((await macroRow(id)).actions).toEqual([{ type: "add_tag", tag: "payments" }, { type: "remove_tag", tag: "new" }]);

    const [payments] = await handle.db.select().from(tags).where(eq(tags.name, "payments"));
    const [invoices] = await handle.db.select().from(tags).where(eq(tags.name, "invoices"));
    expect(await mergeTagAction({ id: payments!.id, intoId: invoices!.id })).toMatchObject({ ok: true });
    expect((await macroRow(id)).actions).toEqual([{ type: "add_tag", tag: "invoices" }, { type: "remove_tag", tag: "new" }]);

    expect(await deleteTagAction({ id: invoices!.id })).toEqual({
      ok: false,
      message: "The macro “Billing” uses this tag. Change or delete it under Settings → Saved replies first, then delete the tag.",
    });
    expect(await handle.db.select().from(tags).where(eq(tags.name, "invoices"))).toHaveLength(1);
  });

  it("lets agents create their own macros only while admins allow it, seen and changed by them only", async () => {
    session.user = ann;
    expect(await save({ title: "Mine", body: "Hi!" })).toEqual({
      ok: false,
      message: "Only admins create macros and saved replies here. Ask an admin to let agents create their own (Settings → Saved replies).",
    });
    await expect(saveMacroSettingsAction({ agentsCreateOwn: true })).rejects.toEqual(FORBIDDEN);

    session.user = admin;
    expect(await saveMacroSettingsAction({ agentsCreateOwn: true })).toEqual({ ok: true, agentsCreateOwn: true });
    const shared = idOf(await save({ title: "Shared", body: "Hello from us" }));

    session.user = ann;
    const own = idOf(await save({ title: "Ann's wrap-up", body: "Bye!", actions: [{ type: "close" }] }));
    expect(await macroRow(own)).toMatchObject({ ownerId: ann.id, createdBy: ann.id });
    // Not an admin's shared one, nor another agent's.
    expect(await save({ id: shared, title: "Shared", body: "Changed by Ann" })).toEqual({ ok: false, message: "This saved reply no longer exists. Someone may have deleted it." });
    expect(await deleteSavedReplyAction({ id: shared })).toEqual({ ok: false, message: "This saved reply no longer exists. Someone may have deleted it." });
    expect((await macroRow(shared)).body).toBe("Hello from us");

    session.user = bob;
    const bobsList = (await (await listRoute(new Request(`${BASE}/api/saved-replies`))).json()) as { replies: { id: string }[] };
    expect(bobsList.replies.map((entry) => entry.id)).toContain(shared);
    expect(bobsList.replies.map((entry) => entry.id)).not.toContain(own);
    expect(await save({ id: own, title: "Taken over", body: "x" })).toMatchObject({ ok: false });
    const { ticket } = await seedTicket(handle.db);
    expect((await apply(ticket.id, { savedReplyId: own, runId: randomUUID() })).status).toBe(404);
    expect((await ticketRow(ticket.id)).status).toBe("open");

    session.user = ann;
    const annsList = (await (await listRoute(new Request(`${BASE}/api/saved-replies`))).json()) as { replies: { id: string; own: boolean }[] };
    expect(annsList.replies).toEqual(expect.arrayContaining([expect.objectContaining({ id: own, own: true }), expect.objectContaining({ id: shared, own: false })]));

    session.user = admin;
    expect(await saveMacroSettingsAction({ agentsCreateOwn: false })).toMatchObject({ ok: true });
    session.user = ann;
    expect(await save({ id: own, title: "Ann's wrap-up", body: "Changed" })).toMatchObject({ ok: false });
    expect(await deleteSavedReplyAction({ id: own })).toEqual({ ok: true });
  });
});
