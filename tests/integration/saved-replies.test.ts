import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { savedReplies, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { seedAdmin, seedAgent } from "../support/inbox-seed";

// Who is calling is whoever the test says; requireAdmin refuses agents with the error Next's
// forbidden() throws (which needs the app's authInterrupts flag, absent outside Next).
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

const { saveSavedReplyAction, deleteSavedReplyAction } = await import("@/lib/saved-replies/actions");
const { GET: listRoute } = await import("@/app/api/saved-replies/route");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe.each(testDatabases())("saved replies on $name", (database) => {
  let handle: DatabaseHandle;
  let admin: User;
  let agent: User;
  const stored = async () => handle.db.select().from(savedReplies).orderBy(savedReplies.createdAt);

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    agent = await seedAgent(handle.db, "Ann Agent");
    admin = await seedAdmin(handle.db);
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  it("lets an admin create, edit and delete a saved reply, and agents read them", async () => {
    session.user = admin;
    const created = await saveSavedReplyAction(null, form({ title: "  Order shipped ", body: "Hi {{customer.name}}, your order left {{integration.name}} today." }));
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : "";
    expect(await stored()).toEqual([expect.objectContaining({ id, title: "Order shipped", body: "Hi {{customer.name}}, your order left {{integration.name}} today.", createdBy: admin.id })]);

    const edited = await saveSavedReplyAction(null, form({ id, title: "Order shipped", body: "Hi {{customer.name|friend}}, it shipped." }));
    expect(edited).toEqual({ ok: true, id });
    expect((await stored())[0]).toMatchObject({ body: "Hi {{customer.name|friend}}, it shipped." });

    session.user = agent;
    const response = await listRoute(new Request("http://inbox.test/api/saved-replies"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ replies: [{ id, title: "Order shipped", body: "Hi {{customer.name|friend}}, it shipped.", summary: "", own: false }] });

    session.user = admin;
    expect(await deleteSavedReplyAction({ id })).toEqual({ ok: true });
    expect(await stored()).toEqual([]);
    expect(await deleteSavedReplyAction({ id })).toEqual({ ok: false, message: "This saved reply no longer exists. Someone may have deleted it." });
  });

  it("hands each agent the saved replies with their own first name filled in, the ticket's names left to the composer", async () => {
    session.user = admin;
    const saved = await saveSavedReplyAction(null, form({ title: "Signed", body: "Thanks, {{customer.first_name|there}}! {{agent.first_name}} from {{integration.name}}" }));
    expect(saved.ok).toBe(true);
    session.user = agent;
    const { replies } = (await (await listRoute(new Request("http://inbox.test/api/saved-replies"))).json()) as { replies: { title: string; body: string }[] };
    expect(replies.find((reply) => reply.title === "Signed")?.body).toBe("Thanks, {{customer.first_name|there}}! Ann from {{integration.name}}");
    session.user = admin;
    if (saved.ok) await deleteSavedReplyAction({ id: saved.id });
  });

  it("refuses agents while admins have not let them create their own: they cannot create, edit or delete", async () => {
    session.user = admin;
    const created = await saveSavedReplyAction(null, form({ title: "Returns", body: "Send it back within 30 days." }));
    const id = created.ok ? created.id : "";
    session.user = agent;
    expect(await saveSavedReplyAction(null, form({ title: "Mine", body: "Agent text" }))).toMatchObject({ ok: false, message: expect.stringContaining("Only admins create") });
    expect(await saveSavedReplyAction(null, form({ id, title: "Changed", body: "Changed" }))).toMatchObject({ ok: false });
    expect(await deleteSavedReplyAction({ id })).toEqual({ ok: false, message: "This saved reply no longer exists. Someone may have deleted it." });
    expect(await stored()).toEqual([expect.objectContaining({ id, title: "Returns", body: "Send it back within 30 days." })]);

    session.user = null;
    expect((await listRoute(new Request("http://inbox.test/api/saved-replies"))).status).toBe(401);
    session.user = admin;
    await deleteSavedReplyAction({ id });
  });

  it("refuses a missing title or body, a body over 1600 characters, unknown placeholders and text the policy checker flags", async () => {
    session.user = admin;
    const refused = async (fields: Record<string, string>) => {
      const result = await saveSavedReplyAction(null, form(fields));
      expect(result.ok, JSON.stringify(fields).slice(0, 80)).toBe(false);
      return result.ok ? {} : (result.fieldErrors ?? {});
    };
    expect(await refused({ title: "   ", body: "Hello" })).toEqual({ title: "Give the saved reply a title." });
    expect(await refused({ title: "Hello", body: "" })).toEqual({ body: "Write the reply, or add at least one action to make it a macro." });
    expect(await refused({ body: "No title at all" })).toEqual({ title: "Give the saved reply a title." });
    expect(await refused({ title: "Long", body: "x".repeat(1601) })).toEqual({ body: "Keep the reply under 1600 characters." });
    expect(await refused({ title: "Typo", body: "Hi {{customer.nmae}}" })).toEqual({
      body: "{{customer.nmae}} is not a placeholder the app knows. Use {{customer.first_name}}, {{customer.name}}, {{agent.first_name}}, {{integration.name}}, each with an optional fallback: {{customer.first_name|there}}.",
    });
    expect(await refused({ title: "Promo", body: "Try our CBD gummies, 50% off!" })).toEqual({
      body: "This reply likely breaks the messaging policy (Federally illegal substances: “CBD”). Rephrase it.",
    });
    expect(await refused({ title: "Nul", body: "Ada\u0000" })).toHaveProperty("body");
    const bogusId = await saveSavedReplyAction(null, form({ id: "not-a-uuid", title: "x", body: "y" }));
    expect(bogusId).toEqual({ ok: false, message: "This saved reply no longer exists." });
    // A hand-made call without FormData is refused as bad input, not a crash.
    expect((await saveSavedReplyAction(null, {} as FormData)).ok).toBe(false);
    expect(await deleteSavedReplyAction({ id: "nope" })).toEqual({ ok: false, message: "This saved reply no longer exists." });
    // Exactly 1600 characters is allowed.
    expect((await saveSavedReplyAction(null, form({ title: "Long", body: "x".repeat(1600) }))).ok).toBe(true);
    expect(await stored()).toHaveLength(1);
  });

  it("refuses a second saved reply whose title differs only in case, also when two are saved at once", async () => {
    session.user = admin;
    for (const reply of await stored()) await deleteSavedReplyAction({ id: reply.id });
    const first = await saveSavedReplyAction(null, form({ title: "Refund policy", body: "30 days." }));
    expect(first.ok).toBe(true);
    const message = "A saved reply is already called “Refund policy”. Choose another title, or edit that one.";
    expect(await saveSavedReplyAction(null, form({ title: "  REFUND policy ", body: "Other text." }))).toEqual({ ok: false, message, fieldErrors: { title: message } });

    // Renaming another reply onto it is refused too; an edit of the reply itself may change the case.
    const other = await saveSavedReplyAction(null, form({ title: "Shipping", body: "2 days." }));
    const otherId = other.ok ? other.id : "";
    expect(await saveSavedReplyAction(null, form({ id: otherId, title: "refund Policy", body: "2 days." }))).toEqual({ ok: false, message, fieldErrors: { title: message } });
    const firstId = first.ok ? first.id : "";
    expect(await saveSavedReplyAction(null, form({ id: firstId, title: "Refund Policy", body: "30 days." }))).toEqual({ ok: true, id: firstId });

    const both = await Promise.all([
      saveSavedReplyAction(null, form({ title: "Opening hours", body: "9 to 5." })),
      saveSavedReplyAction(null, form({ title: "opening HOURS", body: "Nine to five." })),
    ]);
    expect(both.filter((result) => result.ok)).toHaveLength(1);
    expect((await stored()).filter((reply) => reply.title.toLowerCase() === "opening hours")).toHaveLength(1);
  });
});
