import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { inboundSms } from "./app-pair";

export const BUSINESS_NUMBER = "+14155550100";
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f9d8d50000000049454e44ae426082",
  "hex",
);

/** Made-up live credentials: the app talks to our servers with the real SDK, never to Twilio. */
export const LIVE_ACCOUNT = { accountSid: `AC${"f".repeat(32)}`, authToken: "fault-suite-auth-token" };

export function messageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

export function inboundParams(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  const params = inboundSms({ accountSid: LIVE_ACCOUNT.accountSid, from, to: BUSINESS_NUMBER, body });
  const sid = extra.MessageSid ?? params.MessageSid!;
  return { ...params, MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, ...extra };
}

/** How long Twilio waits for a webhook's answer before it counts the request as failed. */
export const TWILIO_WEBHOOK_TIMEOUT_MS = 15_000;

/** Posts one webhook as Twilio does: form-encoded, signed over the public URL. Status 0: no answer. */
export async function postWebhook(appUrl: string, params: Record<string, string>, path = "/api/twilio/sms", timeoutMs = 30_000): Promise<number> {
  const signature = twilio.getExpectedTwilioSignature(LIVE_ACCOUNT.authToken, `${appUrl}${path}`, params);
  try {
    const response = await fetch(`${appUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export interface WebhookStream {
  /** MessageSid → what was posted, the answer (0: none) and how long it took. */
  results: Map<string, { params: Record<string, string>; status: number; ms: number }>;
  /** What got no 200: Twilio would deliver it again. */
  unacknowledged(): Record<string, string>[];
  acknowledged(): string[];
  statuses(): number[];
  stop(): Promise<void>;
}

/** Texts from `customers` senders, `concurrency` at a time, until stopped; an answer later than `timeoutMs` counts as none (0). */
export function startWebhookStream({ appUrl, concurrency, customers, timeoutMs }: { appUrl: string; concurrency: number; customers: number; timeoutMs?: number }): WebhookStream {
  const results: WebhookStream["results"] = new Map();
  let running = true;
  let index = 0;
  const worker = async () => {
    while (running) {
      const n = index++;
      const params = inboundParams(`+1628555${String(n % customers).padStart(4, "0")}`, `Message ${n}: where is my order?`);
      const started = Date.now();
      const status = await postWebhook(appUrl, params, undefined, timeoutMs);
      results.set(params.MessageSid!, { params, status, ms: Date.now() - started });
      // As Twilio does, a webhook that was not taken is tried again a little later, not at once.
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    results,
    acknowledged: () => [...results].filter(([, result]) => result.status === 200).map(([sid]) => sid),
    unacknowledged: () => [...results.values()].filter((result) => result.status !== 200).map((result) => result.params),
    statuses: () => [...results.values()].map((result) => result.status),
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

export async function listen(server: http.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * How the Twilio stand-in answers one POST: accept (the SMS goes out), an error, or a fault.
 * An error with `creates` comes after Twilio took the message (it goes out all the same).
 */
export type TwilioAnswer =
  | "accept"
  | { status: number; body: Record<string, unknown>; headers?: Record<string, string>; creates?: boolean }
  /** Twilio takes the message (it goes out) but the answer never comes back. */
  | "accept-and-hang"
  /** Twilio takes the message, then the connection breaks before the answer. */
  | "accept-and-drop";

export interface TwilioPost {
  sid: string;
  body: string;
  from: string;
  to: string;
  at: Date;
  answer: TwilioAnswer;
}

function reachesPhone(answer: TwilioAnswer): boolean {
  return answer === "accept" || answer === "accept-and-hang" || answer === "accept-and-drop" || answer.creates === true;
}

const MESSAGES_LIST = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/;

/** Twilio's Messages list, newest first, filtered by From and To: one page with what was sent. */
function listMessages(posts: TwilioPost[], url: URL, accountSid: string) {
  const from = url.searchParams.get("From");
  const to = url.searchParams.get("To");
  const sent = posts.filter((post) => reachesPhone(post.answer) && (!from || post.from === from) && (!to || post.to === to)).reverse();
  const uri = `${url.pathname}${url.search}`;
  const messages = sent.map((post) => ({
    sid: post.sid,
    account_sid: accountSid,
    from: post.from,
    to: post.to,
    body: post.body,
    num_media: "0",
    num_segments: "1",
    direction: "outbound-api",
    status: "sent",
    error_code: null,
    error_message: null,
    date_created: post.at.toUTCString(),
    date_updated: post.at.toUTCString(),
    date_sent: post.at.toUTCString(),
    api_version: "2010-04-01",
  }));
  return { messages, page: 0, page_size: messages.length, start: 0, end: Math.max(0, messages.length - 1), uri, first_page_uri: uri, next_page_uri: null, previous_page_uri: null };
}

/**
 * A stand-in for api.twilio.com's Messages resource (TWILIO_API_BASE_URL). `script(body, n)`
 * decides the answer to the n-th POST (from 1) carrying that body. It counts every POST, and
 * which ones Twilio would have sent to the phone, and lists those (GET Messages.json).
 * Other GETs go to `media`, Twilio's media URLs, when given.
 */
export async function startTwilioApi(script: (body: string, n: number) => TwilioAnswer = () => "accept", port = 0, { media }: { media?: http.RequestListener } = {}) {
  const posts: TwilioPost[] = [];
  const hanging = new Set<http.ServerResponse>();
  let server = makeServer();
  function makeServer() {
    return http.createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://twilio.invalid");
        const list = MESSAGES_LIST.exec(url.pathname);
        if (req.method === "GET" && list) return void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(listMessages(posts, url, list[1]!)));
        if (req.method === "GET" && media) return media(req, res);
        if (req.method !== "POST" || !list) return void res.writeHead(404).end();
        const params = new URLSearchParams(raw);
        const body = params.get("Body") ?? "";
        const answer = script(body, posts.filter((post) => post.body === body).length + 1);
        const sid = messageSid();
        posts.push({ sid, body, from: params.get("From") ?? "", to: params.get("To") ?? "", at: new Date(), answer });
        if (answer === "accept-and-hang") return void hanging.add(res);
        if (answer === "accept-and-drop") return void req.socket.destroy();
        const reply = answer === "accept" ? { status: 201, body: { sid, status: "queued", error_code: null } } : answer;
        res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body));
      });
    });
  }
  const boundPort = await listen(server, port);
  return {
    url: `http://127.0.0.1:${boundPort}`,
    posts,
    postsFor: (body: string) => posts.filter((post) => post.body === body),
    /** What reached the phone: accepted POSTs, whether or not the app heard back. */
    sentFor: (body: string) => posts.filter((post) => post.body === body && reachesPhone(post.answer)),
    /** Nothing listens on the port any more: connections are refused. */
    down: async () => {
      for (const res of hanging) res.destroy();
      await close(server);
    },
    up: async () => {
      server = makeServer();
      await listen(server, boundPort);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      if (server.listening) await close(server);
    },
  };
}

/**
 * Stands in for Twilio's media URLs, served by the API stand-in (`startTwilioApi(…, { media:
 * media.serve })`), since the app fetches media from Twilio's API host only. `/hold/…`
 * answers only once released (a slow or stuck download); everything else answers a PNG at
 * once. Counts requests per path.
 */
export function twilioMedia() {
  const hits = new Map<string, number>();
  const held: http.ServerResponse[] = [];
  let holding = true;
  const serve: http.RequestListener = (req, res) => {
    const path = req.url ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (!req.headers.authorization?.startsWith("Basic ")) return void res.writeHead(401).end();
    if (path.startsWith("/hold/") && holding) return void held.push(res);
    res.writeHead(200, { "Content-Type": "image/png", "Content-Length": PNG.length }).end(PNG);
  };
  return {
    serve,
    hits,
    heldCount: () => held.filter((res) => !res.destroyed && !res.writableEnded).length,
    release: () => {
      holding = false;
    },
  };
}

export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (${String(last)})` : ""}`);
}
