import { count, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { allowedCountries, customers, messages, phoneNumbers, portRequests, rules, smsIntegrations, users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabases, useDatabase } from "../support/database";
import { TINY_PDF } from "../support/fixtures";
import { seedAdmin, seedTicket } from "../support/inbox-seed";

// Actions and route handlers ask next-auth who is calling; here it is whoever the test says.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/session", () => {
  const current = async () => {
    if (!session.user) throw new AppError("unauthorized", "Sign in to continue.");
    return session.user;
  };
  return { authorizeRequest: current, requireAdmin: current, requireUser: current, getSessionUser: async () => session.user };
});
// Outside a Next request there is no page cache to refresh.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { addUserAction } = await import("@/lib/users/actions");
const { createIntegrationAction, renameIntegrationAction, updateSettingsAction } = await import("@/lib/integrations/actions");
const { buyNumberAction, searchNumbersAction, submitPortRequestAction } = await import("@/lib/phone-numbers/actions");
const { allowCountryAction } = await import("@/lib/integrations/actions");
const { saveRuleAction, testRulesAction } = await import("@/lib/rules/actions");
const { saveBusinessHoursAction } = await import("@/lib/rules/actions");
const { POST: replyRoute } = await import("@/app/api/tickets/[ticketId]/messages/route");
const { POST: noteRoute } = await import("@/app/api/tickets/[ticketId]/notes/route");
const { POST: startRoute } = await import("@/app/api/tickets/route");
const { PATCH: customerRoute } = await import("@/app/api/customers/[customerId]/route");

const HUGE = "x".repeat(100 * 1024);
const NUL = "Ada\u0000Lovelace";
const BAD_NAMES = ["", "   ", HUGE, NUL];
const BASE = "http://inbox.test";
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** A refusal people can read: ok false, a message, and no internals. */
function expectRefusal(result: { ok: boolean; message?: string }, what: string) {
  expect(result.ok, what).toBe(false);
  expect(result.message, what).toMatch(/^[A-Z“"+\d].{5,200}$/);
  expect(result.message, what).not.toMatch(/error:|violates|invalid byte|null character|stack|\bat \w+ \(/i);
}

async function errorOf(response: Response, status: number, what: string): Promise<string> {
  const text = await response.text();
  expect(response.status, `${what}: ${text}`).toBe(status);
  const body = JSON.parse(text) as { error: { message: string } };
  expect(body.error.message, what).toMatch(/^[A-Z“"].{5,200}$/);
  return body.error.message;
}

describe.each(testDatabases())("bad input to settings and the inbox on $name", (database) => {
  let handle: DatabaseHandle;
  let admin: User;

  const rowCount = async (table: PgTable) =>
    (await handle.db.select({ n: count() }).from(table))[0]!.n;

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

  it("adding a user: empty, huge or NUL names, bad emails and huge passwords are refused field by field; nobody is added", async () => {
    const before = await rowCount(users);
    for (const name of BAD_NAMES) {
      const result = await addUserAction(null, form({ name, email: "new@example.com", password: "long enough password", role: "agent" }));
      expectRefusal(result, `name ${JSON.stringify(name.slice(0, 12))}`);
      expect(result.ok ? {} : result.fieldErrors, "the name field is named").toHaveProperty("name");
    }
    for (const email of ["not an email", `${HUGE}@example.com`, "a\u0000b@example.com", ""]) {
      const result = await addUserAction(null, form({ name: "Ben", email, password: "long enough password", role: "agent" }));
      expectRefusal(result, `email ${JSON.stringify(email.slice(0, 12))}`);
      expect(result.ok ? {} : result.fieldErrors).toHaveProperty("email");
    }
    for (const [password, role] of [[HUGE, "agent"], ["short", "agent"], ["long enough password", "owner"]] as const) {
      expectRefusal(await addUserAction(null, form({ name: "Ben", email: "ben@example.com", password, role })), `password/role ${password.length} ${role}`);
    }
    expect(await rowCount(users)).toBe(before);
  });

  it("SMS integrations: empty, huge or NUL names are refused on create and rename; nothing changes", async () => {
    const { integration } = await seedTicket(handle.db);
    const [phoneNumber] = await handle.db
      .insert(phoneNumbers)
      .values({ e164: "+14155550177", twilioSid: `PN${"7".repeat(32)}`, friendlyName: "Free line", country: "US", type: "local", twilioSms: true, twilioMms: true, source: "purchased" })
      .returning();
    const before = await rowCount(smsIntegrations);
    for (const name of BAD_NAMES) {
      const created = await createIntegrationAction(null, form({ name, phoneNumberId: phoneNumber!.id }));
      expectRefusal(created, `create ${JSON.stringify(name.slice(0, 12))}`);
      const renamed = await renameIntegrationAction(null, form({ id: integration.id, name }));
      expectRefusal(renamed, `rename ${JSON.stringify(name.slice(0, 12))}`);
    }
    expectRefusal(await updateSettingsAction(null, form({ id: integration.id, maxMessageLength: HUGE })), "a huge limit");
    expectRefusal(await updateSettingsAction(null, form({ id: integration.id, maxMessageLength: "-5" })), "a negative limit");
    expect(await rowCount(smsIntegrations)).toBe(before);
    const [row] = await handle.db.select().from(smsIntegrations).where(eq(smsIntegrations.id, integration.id));
    expect(row).toMatchObject({ name: integration.name, maxMessageLength: integration.maxMessageLength });
  });

  it("phone numbers: searches, purchases and port requests with bad numbers or huge fields are refused; nothing is bought or filed", async () => {
    const numbersBefore = await rowCount(phoneNumbers);
    for (const phoneNumber of ["12", "not a number", HUGE, "+1 415 555 0100 ext. 12", "+1415\u00005550100", ""]) {
      expectRefusal(await buyNumberAction({ phoneNumber, type: "local" }), `buy ${JSON.stringify(phoneNumber.slice(0, 12))}`);
      const port = await submitPortRequestAction(
        null,
        form({ phoneNumber, currentCarrier: "Old Telco", carrierAccountNumber: "12345", carrierPin: "1234", authorizedName: "Ada Admin", serviceAddress: "1 Main St" }),
      );
      expectRefusal(port, `port ${JSON.stringify(phoneNumber.slice(0, 12))}`);
      expect(port.ok ? {} : port.fieldErrors).toHaveProperty("phoneNumber");
    }
    for (const field of ["currentCarrier", "carrierAccountNumber", "authorizedName", "serviceAddress"]) {
      const fields = { phoneNumber: "+14155550123", currentCarrier: "Old Telco", carrierAccountNumber: "12345", carrierPin: "1234", authorizedName: "Ada Admin", serviceAddress: "1 Main St" };
      for (const value of [HUGE, "", "bad\u0000value"]) {
        const port = await submitPortRequestAction(null, form({ ...fields, [field]: value }));
        expectRefusal(port, `${field} ${value.length}`);
      }
    }
    for (const areaCode of ["abc", HUGE, "4\u000015"]) {
      expectRefusal(await searchNumbersAction(null, form({ country: "US", type: "local", areaCode })), `area code ${areaCode.length}`);
    }
    expectRefusal(await searchNumbersAction(null, form({ country: HUGE, type: "local" })), "a huge country");
    expect(await rowCount(phoneNumbers)).toBe(numbersBefore);
    expect(await rowCount(portRequests)).toBe(0);
  });

  it("allowed countries: unknown, huge or NUL codes are refused", async () => {
    for (const country of ["ZZ", "", HUGE, "U\u0000S", "usa"]) {
      expectRefusal(await allowCountryAction(null, form({ country })), `country ${JSON.stringify(country.slice(0, 12))}`);
    }
    expect(await rowCount(allowedCountries)).toBe(0);
  });

  it("rules and business hours: bad names, huge texts and garbage shapes are refused; nothing is saved", async () => {
    const valid = { trigger: "message_received", conditions: [], actions: [{ type: "add_tag", tag: "vip" }] };
    for (const name of BAD_NAMES) {
      const result = await saveRuleAction({ id: null, rule: { ...valid, name } });
      expectRefusal(result, `rule name ${JSON.stringify(name.slice(0, 12))}`);
    }
    for (const rule of [null, "rule", 42, [], { ...valid, name: "Ok", actions: [{ type: "auto_reply", text: HUGE }] }, { ...valid, name: "Ok", conditions: [{ type: "text_contains_any", words: [HUGE] }] }, { ...valid, name: "Ok", actions: [{ type: "add_tag", tag: "a\u0000b" }] }]) {
      expectRefusal(await saveRuleAction({ id: null, rule }), `rule ${JSON.stringify(rule)?.slice(0, 40)}`);
    }
    expectRefusal(await saveRuleAction({ id: "not-a-uuid", rule: { ...valid, name: "Ok" } }), "a bad rule id");
    expect(await rowCount(rules)).toBe(0);
    for (const input of [null, { timeZone: HUGE, periods: [], closedDates: [] }, { timeZone: "Mars/Olympus", periods: [], closedDates: [] }, { timeZone: "UTC", periods: [{ day: "monday", start: "25:00", end: "26:00" }], closedDates: [] }]) {
      expectRefusal(await saveBusinessHoursAction(input), `hours ${JSON.stringify(input)?.slice(0, 40)}`);
    }
    const tested = await testRulesAction({ body: HUGE, integrationId: "x", at: "yesterday" });
    expect(tested.ok).toBe(false);
  });

  it("the inbox: huge or NUL texts and names, bad numbers and files renamed to .png get a clear 4xx and store nothing", async () => {
    const { ticket, customer, integration } = await seedTicket(handle.db, { twilioMms: true });
    const messagesBefore = await rowCount(messages);
    const customersBefore = await rowCount(customers);

    const reply = (fields: Record<string, string>, files: { name: string; data: Buffer; type: string }[] = []) => {
      const data = form(fields);
      for (const file of files) data.append("files", new File([new Uint8Array(file.data)], file.name, { type: file.type }));
      return replyRoute(new Request(`${BASE}/api/tickets/${ticket.id}/messages`, { method: "POST", body: data }), ctx({ ticketId: ticket.id }));
    };
    expect(await errorOf(await reply({ body: HUGE }), 400, "a 100 kB reply")).toMatch(/too long/);
    expect(await errorOf(await reply({ body: "See attached" }, [{ name: "invoice.png", data: TINY_PDF, type: "image/png" }]), 400, "a PDF renamed .png")).toContain("invoice.png");
    expect(await errorOf(await reply({ body: "See attached" }, [{ name: "run.png", data: Buffer.from("MZ\u0090\u0000binary"), type: "image/png" }]), 400, "a program renamed .png")).toContain("run.png");
    expect(await errorOf(await reply({ body: "" }), 400, "an empty reply")).toBeTruthy();
    expect(await errorOf(await reply({ body: "hello\u0000there" }), 400, "a reply with NUL")).toBeTruthy();

    const note = (body: unknown) => noteRoute(new Request(`${BASE}/api/tickets/${ticket.id}/notes`, { method: "POST", body: JSON.stringify(body) }), ctx({ ticketId: ticket.id }));
    await errorOf(await note({ body: HUGE }), 400, "a 100 kB note");
    await errorOf(await note({ body: "" }), 400, "an empty note");
    await errorOf(await note("just a string"), 400, "a note that is not an object");
    await errorOf(await note({ body: "n\u0000ote" }), 400, "a note with NUL");

    const rename = (body: unknown) => customerRoute(new Request(`${BASE}/api/customers/${customer.id}`, { method: "PATCH", body: JSON.stringify(body) }), ctx({ customerId: customer.id }));
    await errorOf(await rename({ name: HUGE }), 400, "a 100 kB customer name");
    await errorOf(await rename({ name: 42 }), 400, "a number as a name");
    const nulName = await rename({ name: NUL });
    expect(nulName.status, "a customer name with NUL").toBe(400);
    const [stillNamed] = await handle.db.select({ name: customers.name }).from(customers).where(eq(customers.id, customer.id));
    expect(stillNamed?.name).toBe(customer.name);

    const start = (fields: Record<string, string>) => startRoute(new Request(`${BASE}/api/tickets`, { method: "POST", body: form(fields) }));
    for (const phone of ["12", "not a number", HUGE, "+1 415 555 0100 ext. 9", "+1415\u00005550100"]) {
      expect(await errorOf(await start({ phone, integrationId: integration.id, body: "Hello" }), 400, `start with ${phone.slice(0, 12)}`)).toMatch(/phone number|number/i);
    }
    await errorOf(await start({ phone: "+14155550123", integrationId: "not-an-id", body: "Hello" }), 400, "a bad integration id");

    expect(await rowCount(messages)).toBe(messagesBefore);
    expect(await rowCount(customers)).toBe(customersBefore);
  });
});
