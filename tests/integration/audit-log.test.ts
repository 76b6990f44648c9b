import { randomUUID } from "node:crypto";
import { and, eq, isNull, notLike } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listAdminActions } from "@/db/queries/audit";
import { allowedCountries, savedReplies, events, phoneNumbers, portRequests, rules, users, type User } from "@/db/schema";
import { describeAdminAction } from "@/lib/audit/describe";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { seedAdmin, seedTicket } from "../support/inbox-seed";

// Actions ask next-auth who is calling; here it is whoever the test says.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => {
  const current = async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  };
  return { authorizeRequest: current, requireAdmin: current, requireUser: current, getSessionUser: async () => session.user };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Releasing a number tells Twilio first; this Twilio lets it go.
vi.mock("@/lib/twilio/client", () => ({ getTwilioClient: async () => ({ incomingPhoneNumbers: () => ({ remove: async () => true }) }) }));

const { addUserAction, changeRoleAction, setActiveAction } = await import("@/lib/users/actions");
const { markPortInProgressAction, rejectPortAction, releaseNumberAction, submitPortRequestAction } = await import("@/lib/phone-numbers/actions");
const { allowCountryAction, removeCountryAction } = await import("@/lib/integrations/actions");
const { saveRuleAction, deleteRuleAction } = await import("@/lib/rules/actions");
const { saveBusinessHoursAction } = await import("@/lib/rules/actions");
const { saveSavedReplyAction } = await import("@/lib/saved-replies/actions");
const { renameIntegrationAction, updateSettingsAction } = await import("@/lib/integrations/actions");

const PASSWORD = "correct horse battery staple";
const PORT_PIN = "8642";
const PORT_ACCOUNT = "ACCT-99177";
const REPLY_BODY = "Thanks for writing, we answer within the hour";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe.each(testDatabases())("the admins' audit log on $name", (database) => {
  let handle: DatabaseHandle;
  let admin: User;

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    admin = await seedAdmin(handle.db);
    session.user = admin;
  });
  afterAll(async () => {
    session.user = null;
    await handle.close();
  });

  it("records each admin action with its actor, in words, newest first, and no secrets or message text", async () => {
    expect(await addUserAction(null, form({ name: "Sam Lee", email: "sam@example.com", password: PASSWORD, role: "agent" }))).toEqual({ ok: true });
    const [sam] = await handle.db.select().from(users).where(eq(users.email, "sam@example.com"));
    expect(await changeRoleAction({ userId: sam!.id, role: "admin" })).toEqual({ ok: true });
    expect(await setActiveAction({ userId: sam!.id, active: false })).toEqual({ ok: true });
    expect(await allowCountryAction(null, form({ country: "MX" }))).toEqual({ ok: true });
    expect(await removeCountryAction({ country: "MX" })).toEqual({ ok: true });
    expect(await saveBusinessHoursAction({ timeZone: "Europe/London", periods: [{ day: "mon", start: "09:00", end: "17:00" }], closedDates: [] })).toEqual({ ok: true });
    const rule = await saveRuleAction({ rule: { name: "Say thanks", trigger: "ticket_created", conditions: [], actions: [{ type: "auto_reply", text: REPLY_BODY }] } });
    expect(rule.ok).toBe(true);
    expect(await deleteRuleAction({ id: rule.ok ? rule.id : "" })).toEqual({ ok: true });
    expect((await saveSavedReplyAction(null, form({ title: "Thanks", body: REPLY_BODY }))).ok).toBe(true);
    const port = form({ phoneNumber: "+14155550188", currentCarrier: "Old Telco", carrierAccountNumber: PORT_ACCOUNT, carrierPin: PORT_PIN, authorizedName: "Ada Admin", serviceAddress: "1 Main St" });
    expect(await submitPortRequestAction(null, port)).toEqual({ ok: true });
    const [number] = await handle.db
      .insert(phoneNumbers)
      .values({ e164: "+14155550100", twilioSid: `PN${"1".repeat(32)}`, friendlyName: "Spare", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
      .returning();
    expect(await releaseNumberAction({ id: number!.id })).toEqual({ ok: true });

    const { entries, next } = await listAdminActions({ db: handle.db });
    expect(next).toBeNull();
    expect(entries.map(describeAdminAction)).toEqual([
      "Ada Admin released +1 415 555 0100",
      "Ada Admin asked to port +1 415 555 0188 in",
      "Ada Admin created saved reply “Thanks”",
      "Ada Admin deleted rule “Say thanks”",
      "Ada Admin created rule “Say thanks”",
      "Ada Admin changed the business hours (Europe/London)",
      "Ada Admin removed Mexico from the allowed countries",
      "Ada Admin allowed messages from Mexico",
      "Ada Admin deactivated Sam Lee (sam@example.com)",
      "Ada Admin made Sam Lee (sam@example.com) an admin",
      "Ada Admin added agent Sam Lee (sam@example.com)",
    ]);

    const stored = await handle.db.select().from(events).where(and(isNull(events.ticketId), notLike(events.type, "audit.%")));
    expect(stored.every((event) => event.actorId === admin.id)).toBe(true);
    const text = JSON.stringify(stored);
    for (const secret of [PASSWORD, PORT_PIN, PORT_ACCOUNT, REPLY_BODY, "1 Main St", "passwordHash"]) expect(text, secret).not.toContain(secret);
  });

  it("records a port request followed to in progress and rejected, with the carrier's reason", async () => {
    const port = form({ phoneNumber: "+14155550177", currentCarrier: "Old Telco", carrierAccountNumber: PORT_ACCOUNT, carrierPin: PORT_PIN, authorizedName: "Ada Admin", serviceAddress: "1 Main St" });
    expect(await submitPortRequestAction(null, port)).toEqual({ ok: true });
    const [request] = await handle.db.select().from(portRequests).where(eq(portRequests.e164, "+14155550177"));
    expect(await markPortInProgressAction({ id: request!.id })).toEqual({ ok: true });
    expect(await rejectPortAction({ id: request!.id, reason: "The PIN did not match" })).toEqual({ ok: true });
    const { entries } = await listAdminActions({ db: handle.db });
    expect(entries.slice(0, 3).map(describeAdminAction)).toEqual([
      "Ada Admin marked the port of +1 415 555 0177 as rejected: The PIN did not match",
      "Ada Admin marked the port of +1 415 555 0177 as in progress",
      "Ada Admin asked to port +1 415 555 0177 in",
    ]);
  });

  it("records an SMS integration renamed and its settings changed", async () => {
    const { integration } = await seedTicket(handle.db);
    expect(await renameIntegrationAction(null, form({ id: integration.id, name: "Front desk" }))).toEqual({ ok: true });
    expect(await updateSettingsAction(null, form({ id: integration.id, reopenWindowDays: "5", maxMessageLength: "320" }))).toEqual({ ok: true });
    const { entries } = await listAdminActions({ db: handle.db });
    expect(entries.slice(0, 2).map(describeAdminAction)).toEqual([
      "Ada Admin set SMS integration “Front desk” to reopen tickets within 5 days and allow 320 characters a message",
      `Ada Admin renamed SMS integration “${integration.name}” to “Front desk”`,
    ]);
  });

  it("pages 50 at a time with a keyset, and the last page says there is nothing older", async () => {
    await handle.db.delete(events);
    await handle.db.insert(events).values(
      Array.from({ length: 120 }, (_, i) => ({ type: "rule.created", actorId: admin.id, data: { name: `Rule ${i}` }, createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, Math.floor(i / 3))) })),
    );
    const seen: string[] = [];
    let before = null;
    for (let page = 0; page < 3; page++) {
      const { entries, next } = await listAdminActions({ db: handle.db, before });
      expect(entries.length).toBe(page < 2 ? 50 : 20);
      seen.push(...entries.map((entry) => String(entry.data.name)));
      before = next;
    }
    expect(before).toBeNull();
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe("Rule 119");
    expect(seen.at(-1)).toBe("Rule 0");
  });

  it("keeps a change and its entry together: when the entry cannot be written, the change is not made either", async () => {
    // An admin whose account row is gone by the time the entry is written (its actor is a foreign key).
    session.user = { ...admin, id: randomUUID() };
    try {
      const before = { rules: await handle.db.select().from(rules), replies: await handle.db.select().from(savedReplies) };
      // The database refuses the entry; the action fails as an unexpected error does (Next shows its error page).
      await expect(saveRuleAction({ rule: { name: "Ghost rule", trigger: "ticket_created", conditions: [], actions: [{ type: "add_tag", tag: "ghost" }] } })).rejects.toThrow();
      await expect(saveSavedReplyAction(null, form({ title: "Ghost reply", body: "Boo" }))).rejects.toThrow();
      await expect(allowCountryAction(null, form({ country: "MX" }))).rejects.toThrow();
      expect(await handle.db.select().from(rules)).toEqual(before.rules);
      expect(await handle.db.select().from(savedReplies)).toEqual(before.replies);
      expect(await handle.db.select().from(allowedCountries).where(eq(allowedCountries.country, "MX"))).toEqual([]);
    } finally {
      session.user = admin;
    }
  });
});
