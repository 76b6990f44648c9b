import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { smsIntegrations } from "@/db/schema";
import { testDatabases, useDatabase } from "../support/database";
import { useFakeTwilio } from "../support/fake-twilio";
import { seedAgent, seedTicket } from "../support/inbox-seed";

vi.hoisted(() => {
  process.env.TWILIO_ACCOUNT_SID = `AC${"2".repeat(32)}`;
  process.env.TWILIO_AUTH_TOKEN = "test-auth-token";
  process.env.NEXTAUTH_SECRET = "test-secret-for-signed-media-urls";
  process.env.PUBLIC_BASE_URL = "https://inbox.example.com";
});

const { checkUsReadiness, forgetUsReadiness } = await import("@/lib/integrations/readiness");
const { US_READINESS_LABELS } = await import("@/lib/integrations/readiness-words");
const { getTwilioClient } = await import("@/lib/twilio/client");
const { queueOutboundMessage } = await import("@/lib/outbound/queue");
const { runDueJobs } = await import("@/lib/jobs/worker");
const { jobHandlers } = await import("@/lib/setup/jobs");

const TWILIO_DOWN = { status: 503, body: { code: 20503, message: "Service Unavailable", more_info: "https://www.twilio.com/docs/errors/20503", status: 503 } };

describe.each(testDatabases())("US readiness and Messaging Services against Twilio itself, on $name", (database) => {
  let handle: DatabaseHandle;
  const twilio = useFakeTwilio();

  beforeAll(async () => {
    handle = await database.open();
    useDatabase(handle);
  });
  afterAll(() => handle.close());

  const number = { twilioSid: `PN${"3".repeat(32)}`, e164: "+14155550142", country: "US", type: "local" as const };

  it("says it could not ask Twilio when the Messaging API fails, asks again only after a while, and at once when told to", async () => {
    forgetUsReadiness();
    const client = await getTwilioClient();
    twilio.replies.push(TWILIO_DOWN);
    const failed = await checkUsReadiness({ twilio: client, number });
    expect(failed).toMatchObject({ state: "unknown", kind: "10dlc" });
    expect(failed!.detail).toMatch(/^Twilio could not be asked about the US registration of \+1 415 555 0142: /);
    expect(US_READINESS_LABELS[failed!.state]).toBe("Could not ask Twilio");
    expect(twilio.requests.map((request) => `${request.method} ${request.path.split("?")[0]}`)).toEqual(["GET /messaging/v1/Services"]);

    // Every page view in the next 30 s gets the same answer without asking Twilio again.
    expect(await checkUsReadiness({ twilio: client, number })).toEqual(failed);
    expect(twilio.requests).toHaveLength(1);

    // Asked afresh, Twilio answers: no Messaging Service holds the number.
    const meta = { first_page_url: "https://messaging.twilio.com/v1/Services?PageSize=50&Page=0", key: "services", next_page_url: null, page: 0, page_size: 50, previous_page_url: null, url: "https://messaging.twilio.com/v1/Services?PageSize=50&Page=0" };
    twilio.replies.push({ status: 200, body: { services: [], meta } });
    expect(await checkUsReadiness({ twilio: client, number, fresh: true })).toMatchObject({ state: "not-registered" });
    expect(twilio.requests).toHaveLength(2);
  });

  it("a toll-free number whose verification Twilio cannot be asked about is not called registered", async () => {
    forgetUsReadiness();
    twilio.replies.push("accept-and-drop");
    const answer = await checkUsReadiness({ twilio: await getTwilioClient(), number: { ...number, e164: "+18885550142", type: "toll-free" } });
    expect(answer).toMatchObject({ state: "unknown", kind: "toll-free" });
    expect(twilio.requests[0]!.path).toMatch(/^\/messaging\/v1\/Tollfree\/Verifications\?TollfreePhoneNumberSid=PN3{32}&PageSize=20$/);
  });

  it("sends a reply through the integration's Messaging Service, naming the service and no From", async () => {
    const { ticket, customer, integration } = await seedTicket(handle.db);
    const messagingServiceSid = `MG${"4".repeat(32)}`;
    await handle.db.update(smsIntegrations).set({ messagingServiceSid }).where(eq(smsIntegrations.id, integration.id));
    const agent = await seedAgent(handle.db);
    const message = await queueOutboundMessage({ db: handle.db, ticketId: ticket.id, body: "Sent through the service.", authorId: agent.id });
    await runDueJobs({ db: handle.db, handlers: jobHandlers });
    const sent = twilio.messageRequests();
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.params)).toEqual({
      To: customer.phoneE164,
      MessagingServiceSid: messagingServiceSid,
      Body: "Sent through the service.",
      StatusCallback: `https://inbox.example.com/api/twilio/status?message=${message.id}&attempt=1`,
    });
  });
});
