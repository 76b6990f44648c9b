import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { smsIntegrations, users } from "@/db/schema";
import { startAppServer, type AppServer } from "../support/app-server";
import { testDatabases, useDatabase } from "../support/database";
import { startFakeTwilio } from "../support/fake-twilio";
import { runJobsUntilIdle } from "../support/jobs";
import { inboundParams, PUBLIC_BASE, signedTwilioRequest } from "../support/twilio";

// Every line the app logs, at the most talkative level, through the app's own logger settings.
const captured = vi.hoisted(() => {
  process.env.LOG_LEVEL = "trace";
  delete (globalThis as { __logger?: unknown }).__logger;
  return { lines: [] as string[] };
});
vi.mock("pino", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (options: unknown, stream: unknown) => unknown }).default;
  const capture = { write: (line: string) => void captured.lines.push(line) };
  const wrapped = Object.assign((options: unknown) => real(options, capture), real);
  return { default: wrapped };
});

const { POST: inbound } = await import("@/app/api/twilio/sms/route");
const { getAuthOptions } = await import("@/lib/auth/options");
const { hashPassword } = await import("@/lib/auth/password");
const { queueOutboundMessage } = await import("@/lib/outbound/queue");
const { sendFromHandset } = await import("@/lib/sandbox/handset");
const { getTwilioClient } = await import("@/lib/twilio/client");
const { getSandboxCredentials } = await import("@/lib/twilio/credentials");
const { log } = await import("@/lib/log");

const PASSWORD = "correct horse battery staple 9";
const CUSTOMER_TEXT = "my card ends 4242 and my date of birth is 1 May";

type Authorize = (credentials: Record<string, string>) => Promise<unknown>;

async function signIn(email: string, password: string): Promise<unknown> {
  const provider = (await getAuthOptions()).providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize({ email, password }).catch((error: unknown) => error);
}

/** Everything logged or printed, as one text to search. */
type Spy = { mock: { calls: unknown[][] }; mockRestore(): void };

function everythingLogged(consoleSpies: Spy[]): string {
  const printed = consoleSpies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(" ")));
  return [...captured.lines, ...printed].join("\n");
}

function expectNoSecretsIn(text: string, secrets: Record<string, string>) {
  expect(captured.lines.length, "the flows should have logged something").toBeGreaterThan(5);
  for (const [what, secret] of Object.entries(secrets)) expect(text.includes(secret), `${what} appears in the log`).toBe(false);
  expect(text, "a bcrypt hash appears in the log").not.toMatch(/\$2[aby]\$\d\d\$/);
}

describe.each(testDatabases())("what the app logs on $name", (database) => {
  let handle: DatabaseHandle;
  let consoleSpies: Spy[];
  const nextAuthSecret = `nextauth-${randomBytes(24).toString("hex")}`;
  const liveAuthToken = randomBytes(16).toString("hex");
  let passwordHash = "";

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
    consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level));
    process.env.NEXTAUTH_SECRET = nextAuthSecret;
    passwordHash = await hashPassword(PASSWORD);
    await handle.db.insert(users).values({ name: "Lena Admin", email: "lena@example.com", passwordHash, role: "admin" });
  });
  afterAll(async () => {
    for (const spy of consoleSpies) spy.mockRestore();
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.TWILIO_ACCOUNT_SID;
    delete process.env.TWILIO_AUTH_TOKEN;
    delete process.env.TWILIO_API_BASE_URL;
    await handle.close();
  });

  it("keeps passwords, hashes, session secret, auth tokens and message text out of the log through sign-in, webhooks and sending", async () => {
    captured.lines.length = 0;
    log.info({ password: PASSWORD, user: { passwordHash }, authToken: liveAuthToken, body: CUSTOMER_TEXT }, "redaction check");

    // Sign-in: right, wrong, unknown, and a password typed into the email field.
    expect(await signIn("lena@example.com", PASSWORD)).toMatchObject({ email: "lena@example.com" });
    expect(await signIn("lena@example.com", `${PASSWORD}x`)).toBeInstanceOf(Error);
    expect(await signIn("nobody@example.com", PASSWORD)).toBeInstanceOf(Error);
    expect(await signIn(PASSWORD, PASSWORD)).toBeInstanceOf(Error);

    // The sandbox: a customer texts in through the signed webhook, the agent's reply goes out.
    delete process.env.TWILIO_ACCOUNT_SID;
    delete process.env.TWILIO_AUTH_TOKEN;
    process.env.SANDBOX_STEP_MS = "10";
    const server: AppServer = await startAppServer();
    try {
      const client = await getTwilioClient();
      const business = (await client.incomingPhoneNumbers.create({ areaCode: "415", smsUrl: `${server.url}/api/twilio/sms`, statusCallback: `${server.url}/api/twilio/status` })).phoneNumber;
      await handle.db.insert(smsIntegrations).values({ name: "Sandbox desk", phoneE164: business });
      await sendFromHandset({ from: "+12065550142", to: business, body: CUSTOMER_TEXT, media: [] }, handle.db);
      await runJobsUntilIdle(handle.db);
      const delivery = server.exchanges.find((exchange) => exchange.path === "/api/twilio/sms");
      expect(delivery?.status).toBe(200);
      const ticketId = await ticketOf(handle);
      await queueOutboundMessage({ db: handle.db, ticketId, body: `Reply about ${CUSTOMER_TEXT}` });
      await runJobsUntilIdle(handle.db);
      expect(server.exchanges.some((exchange) => exchange.path === "/api/twilio/status")).toBe(true);
      // A forged webhook is refused and logged as such.
      const forged = await inbound(new Request(`${server.url}/api/twilio/sms`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "forged" }, body: "Body=x" }));
      expect(forged.status).toBe(403);
    } finally {
      await server.close();
    }
    const sandboxToken = (await getSandboxCredentials()).authToken;

    // Live Twilio (a stand-in for its API): a webhook, a reply that is accepted, one refused for bad credentials.
    const twilio = await startFakeTwilio();
    try {
      process.env.TWILIO_ACCOUNT_SID = `AC${"7".repeat(32)}`;
      process.env.TWILIO_AUTH_TOKEN = liveAuthToken;
      process.env.TWILIO_API_BASE_URL = twilio.url;
      process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
      const [integration] = await handle.db.insert(smsIntegrations).values({ name: "Live desk", phoneE164: "+14155550100" }).returning();
      const answer = await inbound(await signedTwilioRequest("/api/twilio/sms", await inboundParams({ From: "+12065550199", To: integration!.phoneE164, Body: CUSTOMER_TEXT })));
      expect(answer.status).toBe(200);
      const ticketId = await ticketOf(handle, "+12065550199");
      await queueOutboundMessage({ db: handle.db, ticketId, body: "First reply" });
      await runJobsUntilIdle(handle.db);
      twilio.replies.push({ status: 401, body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 } });
      await queueOutboundMessage({ db: handle.db, ticketId, body: "Second reply" });
      await runJobsUntilIdle(handle.db);
      expect(twilio.messageRequests()).toHaveLength(2);
    } finally {
      await twilio.close();
    }

    const text = everythingLogged(consoleSpies);
    expect(text).toContain("signed in");
    expect(text).toContain("inbound message stored");
    expectNoSecretsIn(text, {
      "the password": PASSWORD,
      "the password hash": passwordHash,
      NEXTAUTH_SECRET: nextAuthSecret,
      "the sandbox auth token": sandboxToken,
      TWILIO_AUTH_TOKEN: liveAuthToken,
      "the customer's message": CUSTOMER_TEXT,
    });
  });
});

describe("what the app logs while PostgreSQL is down", () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    process.env.TWILIO_ACCOUNT_SID = `AC${"8".repeat(32)}`;
    process.env.TWILIO_AUTH_TOKEN = randomBytes(16).toString("hex");
    process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
    handle = await unreachablePostgres();
    useDatabase(handle);
  });
  afterAll(async () => {
    delete process.env.TWILIO_ACCOUNT_SID;
    delete process.env.TWILIO_AUTH_TOKEN;
    await handle.close();
  });

  it("says which statement failed and why, without the customer's text or either phone number", async () => {
    captured.lines.length = 0;
    const params = await inboundParams({ From: "+12065550177", To: "+14155550123", Body: CUSTOMER_TEXT });
    const answer = await inbound(await signedTwilioRequest("/api/twilio/sms", params));
    expect(answer.status).toBe(503);

    const logged = captured.lines.map((line) => JSON.parse(line) as { msg: string; err?: Record<string, unknown> });
    const unavailable = logged.find((line) => line.msg === "database unavailable");
    expect(unavailable?.err).toEqual({ name: "DatabaseError", code: "ECONNREFUSED", operation: expect.stringMatching(/^(insert into|update|select from|with) \w+/) });
    const text = captured.lines.join("\n");
    for (const secret of [CUSTOMER_TEXT, "2065550177", "4155550123"]) expect(text.includes(secret), `${secret} appears in the log`).toBe(false);
  });
});

/** The app's PostgreSQL driver, pointed at a port nothing listens on: every query fails to connect. */
async function unreachablePostgres(): Promise<DatabaseHandle> {
  const { createServer } = await import("node:net");
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as { port: number }).port)));
  await new Promise((resolve) => probe.close(resolve));
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("@/db/schema");
  const client = postgres(`postgres://postgres@127.0.0.1:${port}/inbox`, { max: 2, connect_timeout: 2, onnotice: () => {} });
  return {
    db: drizzle(client, { schema }) as unknown as DatabaseHandle["db"],
    driver: "postgresql",
    listen: () => Promise.reject(new Error("down")),
    ping: () => client`select 1`.then(() => undefined),
    close: () => client.end({ timeout: 1 }),
  };
}

async function ticketOf(handle: DatabaseHandle, phone = "+12065550142"): Promise<string> {
  const { customers, tickets } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await handle.db.select({ id: tickets.id }).from(tickets).innerJoin(customers, eq(customers.id, tickets.customerId)).where(eq(customers.phoneE164, phone));
  expect(row, `a ticket for ${phone}`).toBeDefined();
  return row!.id;
}
