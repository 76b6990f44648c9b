import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "@/bench/server";
import type { DatabaseHandle } from "@/db/client";
import { openPostgres } from "@/db/drivers";
import { attachments, customers, jobs, messages, ruleRuns, tickets } from "@/db/schema";
import { createRule } from "@/lib/rules/manage";
import { agentClient } from "./support/agent";
import { startPrivatePostgres, type PrivatePostgres } from "./support/postgres";
import { liveEnv, seedInbox, seedTicket } from "./support/seed";
import { inboundParams, PNG, postWebhook, startTwilioApi, twilioMedia, waitFor } from "./support/twilio-side";

const PORT = 3403;
const PG_PORT = 5498;
const AUTO_REPLY = "Thanks for your message! We will answer within a day.";
const MMS_SENDERS = Array.from({ length: 5 }, (_, i) => `+1628555${2000 + i}`);
const AGENT_REPLIES = ["Your refund was approved.", "The courier comes tomorrow.", "We found your parcel."];
// Twilio takes this one but its answer has not come back when the process dies.
const IN_FLIGHT = "Your replacement ships on Monday.";

describe("the app is killed (SIGKILL) while downloads, rules and replies wait, and a new process takes over", () => {
  let pg: PrivatePostgres;
  let databaseUrl: string;
  let db: DatabaseHandle;
  let app: AppServer | undefined;
  let twilio: Awaited<ReturnType<typeof startTwilioApi>>;
  const media = twilioMedia();
  let agentId: string;
  const replyTickets: string[] = [];

  beforeAll(async () => {
    pg = startPrivatePostgres(PG_PORT);
    databaseUrl = await pg.createDatabase("inbox");
    db = await openPostgres(databaseUrl);
    const seeded = await seedInbox(db.db);
    agentId = seeded.agentId;
    for (let i = 0; i <= AGENT_REPLIES.length; i++) replyTickets.push(await seedTicket(db.db, seeded.integrationId, `+1628555${3000 + i}`));
    await createRule({ db: db.db, input: { name: "Say thanks", trigger: "ticket_created", conditions: [], actions: [{ type: "auto_reply", text: AUTO_REPLY }] } });
    twilio = await startTwilioApi((body) => (body === IN_FLIGHT ? "accept-and-hang" : "accept"), 0, { media: media.serve });
  });

  afterAll(async () => {
    await app?.stop();
    await twilio?.close();
    await db?.close();
    pg?.destroy();
  });

  const env = () => liveEnv({ port: PORT, twilioApiUrl: twilio.url, database: { DATABASE_URL: databaseUrl } });
  const unfinished = async () =>
    (await db.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(isNull(jobs.doneAt), isNull(jobs.failedAt))))[0]!.n;

  it("finishes every download, rule and reply once", async () => {
    app = await startApp({ port: PORT, env: env(), captureOutput: true });
    // Pictures whose download does not finish: the worker is busy with them when the process dies.
    for (const [i, from] of MMS_SENDERS.entries()) {
      const params = inboundParams(from, `Here is the damaged box (${i})`, { NumMedia: "1", MediaUrl0: `${twilio.url}/hold/${i}.png`, MediaContentType0: "image/png" });
      expect(await postWebhook(app.url, params)).toBe(200);
    }
    const agent = await agentClient(app.url, agentId);
    for (const [i, body] of AGENT_REPLIES.entries()) await agent.reply(replyTickets[i]!, body);
    await waitFor("a download to be under way", () => media.heldCount() > 0);

    // What the crash interrupts: downloads, rules and replies all still to do, nothing sent yet.
    expect(await unfinished()).toBeGreaterThanOrEqual(MMS_SENDERS.length + AGENT_REPLIES.length);
    expect(twilio.posts).toHaveLength(0);
    await app.kill();
    app = undefined;

    media.release();
    app = await startApp({ port: PORT, env: env(), captureOutput: true });
    // A job the dead process held is taken over when its lease runs out (a minute).
    await waitFor("all background work to finish", async () => (await unfinished()) === 0, 240_000);

    const failed = await db.db.select({ kind: jobs.kind, error: jobs.lastError }).from(jobs).where(sql`${jobs.failedAt} is not null`);
    expect(failed).toEqual([]);

    for (const from of MMS_SENDERS) {
      const [ticket] = await db.db.select({ id: tickets.id }).from(tickets).innerJoin(customers, eq(customers.id, tickets.customerId)).where(eq(customers.phoneE164, from));
      const thread = await db.db.select().from(messages).where(eq(messages.ticketId, ticket!.id));
      const inbound = thread.filter((message) => message.direction === "inbound");
      expect(inbound).toHaveLength(1);
      const files = await db.db.select().from(attachments).where(eq(attachments.messageId, inbound[0]!.id));
      expect(files.map((file) => file.status)).toEqual(["stored"]);
      expect(files[0]!.data?.equals(PNG)).toBe(true);

      const autoReplies = thread.filter((message) => message.direction === "outbound");
      expect(autoReplies.map((message) => [message.body, message.ruleName, message.status])).toEqual([[AUTO_REPLY, "Say thanks", "queued"]]);
      expect(twilio.posts.filter((post) => post.to === from).map((post) => post.body)).toEqual([AUTO_REPLY]);
      expect(await db.db.select().from(ruleRuns).where(eq(ruleRuns.messageId, inbound[0]!.id))).toHaveLength(1);
    }
    for (const [i, body] of AGENT_REPLIES.entries()) {
      expect(twilio.postsFor(body)).toHaveLength(1);
      const [message] = await db.db.select().from(messages).where(and(eq(messages.ticketId, replyTickets[i]!), eq(messages.direction, "outbound")));
      expect(message).toMatchObject({ body, status: "queued" });
    }
    expect(twilio.posts).toHaveLength(MMS_SENDERS.length + AGENT_REPLIES.length);
  });

  it("does not send again a reply Twilio may have taken when the process died, and tells the agent", async () => {
    app ??= await startApp({ port: PORT, env: env(), captureOutput: true });
    const agent = await agentClient(app.url, agentId);
    const ticketId = replyTickets[AGENT_REPLIES.length]!;
    const messageId = await agent.reply(ticketId, IN_FLIGHT);
    await waitFor("the reply to reach Twilio", () => twilio.postsFor(IN_FLIGHT).length === 1);
    await app.kill();
    app = undefined;

    app = await startApp({ port: PORT, env: env(), captureOutput: true });
    const restarted = await agentClient(app.url, agentId);
    const message = await waitFor(
      "the reply to be marked unconfirmed",
      async () => (await restarted.thread(ticketId)).find((row) => row.id === messageId && row.status === "unknown"),
      240_000,
    );
    expect(message.errorMessage).toBe("Twilio did not answer in time, so this message may or may not have gone out. Check with the customer before you retry.");
    expect(twilio.postsFor(IN_FLIGHT)).toHaveLength(1);
    expect(await unfinished()).toBe(0);
  });
});
