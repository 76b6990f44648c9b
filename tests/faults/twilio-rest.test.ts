import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "@/bench/server";
import { openPglite } from "@/db/drivers";
import { agentClient } from "./support/agent";
import { liveEnv, seedInbox, seedTicket, tempDataDir } from "./support/seed";
import { startTwilioApi, waitFor, type TwilioAnswer } from "./support/twilio-side";

const PORT = 3401;

// Each reply meets one kind of trouble on its first tries, then Twilio works again.
const REPLIES = {
  refused: "Your refund is on its way.",
  error500: "Your parcel left the depot.",
  error503: "We have a new tracking number for you.",
  rateLimited: "Your order is ready for pickup.",
  hang: "Did this one reach you?",
  drop: "Your exchange was approved.",
  error500AfterAccept: "Your invoice is attached.",
} as const;

function script(body: string, n: number): TwilioAnswer {
  if (n > 1 && !(body === REPLIES.error503 && n === 2)) return "accept";
  switch (body) {
    case REPLIES.error500:
      return { status: 500, body: { code: 20500, message: "Internal Server Error", status: 500 } };
    case REPLIES.error503:
      return { status: 503, body: { code: 20503, message: "Service Unavailable", status: 503 } };
    case REPLIES.rateLimited:
      return { status: 429, body: { code: 20429, message: "Too Many Requests", status: 429 }, headers: { "Retry-After": "2" } };
    case REPLIES.hang:
      return "accept-and-hang";
    case REPLIES.drop:
      return "accept-and-drop";
    case REPLIES.error500AfterAccept:
      return { status: 500, body: { code: 20500, message: "Internal Server Error", status: 500 }, creates: true };
    default:
      return "accept";
  }
}

describe("agent replies while Twilio's REST API misbehaves (next start, live mode)", () => {
  const dataDir = tempDataDir();
  let app: AppServer;
  let twilio: Awaited<ReturnType<typeof startTwilioApi>>;
  let agent: Awaited<ReturnType<typeof agentClient>>;
  const ticketOf: Record<string, string> = {};
  const messageOf: Record<string, string> = {};

  beforeAll(async () => {
    const setup = await openPglite(dataDir);
    const { integrationId, agentId } = await seedInbox(setup.db);
    let n = 0;
    for (const body of Object.values(REPLIES)) ticketOf[body] = await seedTicket(setup.db, integrationId, `+1628555${String(1000 + n++)}`);
    await setup.close();
    twilio = await startTwilioApi(script);
    await twilio.down();
    app = await startApp({
      port: PORT,
      env: { ...liveEnv({ port: PORT, twilioApiUrl: twilio.url, database: { DATA_DIR: dataDir } }), TWILIO_TIMEOUT_MS: "3000" },
      captureOutput: true,
    });
    agent = await agentClient(app.url, agentId);
  });

  afterAll(async () => {
    await app?.stop();
    await twilio?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function statusOf(body: string) {
    const thread = await agent.thread(ticketOf[body]!);
    return thread.find((message) => message.id === messageOf[body]);
  }

  it("retries what Twilio certainly did not take, finds what it took despite an error, sends each reply once, and tells the agent about the rest", async () => {
    // Twilio cannot be reached at all: the reply waits, and nothing is lost.
    messageOf[REPLIES.refused] = await agent.reply(ticketOf[REPLIES.refused]!, REPLIES.refused);
    await waitFor("a refused connection to Twilio", () => app.output().includes("ECONNREFUSED"));
    expect((await statusOf(REPLIES.refused))?.status).toBe("pending");
    await twilio.up();

    for (const body of Object.values(REPLIES)) if (body !== REPLIES.refused) messageOf[body] = await agent.reply(ticketOf[body]!, body);

    const retried = [REPLIES.refused, REPLIES.error500, REPLIES.error503, REPLIES.rateLimited];
    for (const body of retried) {
      const message = await waitFor(`“${body}” to be handed to Twilio`, async () => {
        const current = await statusOf(body);
        return current?.status === "queued" ? current : null;
      });
      expect(message.errorMessage).toBeNull();
    }
    // Twilio took these before the error or the broken connection: looked up, recorded, not sent again.
    for (const body of [REPLIES.drop, REPLIES.error500AfterAccept]) {
      const message = await waitFor(`“${body}” to be found at Twilio`, async () => {
        const current = await statusOf(body);
        return current?.status === "sent" ? current : null;
      });
      expect(message.errorMessage).toBeNull();
    }
    const unanswered = await waitFor(`“${REPLIES.hang}” to be marked unconfirmed`, async () => {
      const current = await statusOf(REPLIES.hang);
      return current?.status === "unknown" ? current : null;
    });
    expect(unanswered.errorMessage).toBe("Twilio did not answer in time, so this message may or may not have gone out. Check with the customer before you retry.");

    // Longer than any backoff so far: nothing goes out again by itself.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(twilio.postsFor(REPLIES.refused)).toHaveLength(1);
    expect(twilio.postsFor(REPLIES.error500)).toHaveLength(2);
    expect(twilio.postsFor(REPLIES.error503)).toHaveLength(3);
    expect(twilio.postsFor(REPLIES.rateLimited)).toHaveLength(2);
    expect(twilio.postsFor(REPLIES.hang)).toHaveLength(1);
    expect(twilio.postsFor(REPLIES.drop)).toHaveLength(1);
    expect(twilio.postsFor(REPLIES.error500AfterAccept)).toHaveLength(1);
    for (const body of Object.values(REPLIES)) expect(twilio.sentFor(body), body).toHaveLength(1);
    expect((await statusOf(REPLIES.hang))?.status).toBe("unknown");

    // The agent checked with the customer, who did not get it: one more, deliberate, send.
    expect(await agent.retry(messageOf[REPLIES.hang]!)).toBe(200);
    await waitFor("the retried reply to be handed to Twilio", async () => (await statusOf(REPLIES.hang))?.status === "queued");
    expect(twilio.postsFor(REPLIES.hang)).toHaveLength(2);
  });
});
