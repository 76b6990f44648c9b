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

/** Posts one webhook as Twilio does: form-encoded, signed over the public URL. Status 0: no answer. */
export async function postWebhook(appUrl: string, params: Record<string, string>, path = "/api/twilio/sms"): Promise<number> {
  const signature = twilio.getExpectedTwilioSignature(LIVE_ACCOUNT.authToken, `${appUrl}${path}`, params);
  try {
    const response = await fetch(`${appUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export interface WebhookStream {
  /** MessageSid → what was posted, and the answer (0: none). */
  results: Map<string, { params: Record<string, string>; status: number }>;
  /** What got no 200: Twilio would deliver it again. */
  unacknowledged(): Record<string, string>[];
  acknowledged(): string[];
  statuses(): number[];
  stop(): Promise<void>;
}

/** Texts from `customers` senders, `concurrency` at a time, until stopped. */
export function startWebhookStream({ appUrl, concurrency, customers }: { appUrl: string; concurrency: number; customers: number }): WebhookStream {
  const results: WebhookStream["results"] = new Map();
  let running = true;
  let index = 0;
  const worker = async () => {
    while (running) {
      const n = index++;
      const params = inboundParams(`+1628555${String(n % customers).padStart(4, "0")}`, `Message ${n}: where is my order?`);
      const status = await postWebhook(appUrl, params);
      results.set(params.MessageSid!, { params, status });
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, 100));
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

/** How the Twilio stand-in answers one POST: accept (the SMS goes out), an error, or a fault. */
export type TwilioAnswer =
  | "accept"
  | { status: number; body: Record<string, unknown>; headers?: Record<string, string> }
  /** Twilio takes the message (it goes out) but the answer never comes back. */
  | "accept-and-hang"
  /** Twilio takes the message, then the connection breaks before the answer. */
  | "accept-and-drop";

export interface TwilioPost {
  body: string;
  to: string;
  answer: TwilioAnswer;
}

/**
 * A stand-in for api.twilio.com's Messages resource (TWILIO_API_BASE_URL). `script(body, n)`
 * decides the answer to the n-th POST (from 1) carrying that body. It counts every POST, and
 * which ones Twilio would have sent to the phone.
 */
export async function startTwilioApi(script: (body: string, n: number) => TwilioAnswer = () => "accept", port = 0) {
  const posts: TwilioPost[] = [];
  const hanging = new Set<http.ServerResponse>();
  let server = makeServer();
  function makeServer() {
    return http.createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      req.on("end", () => {
        if (req.method !== "POST" || !req.url?.endsWith("/Messages.json")) return void res.writeHead(404).end();
        const params = new URLSearchParams(raw);
        const body = params.get("Body") ?? "";
        const answer = script(body, posts.filter((post) => post.body === body).length + 1);
        posts.push({ body, to: params.get("To") ?? "", answer });
        if (answer === "accept-and-hang") return void hanging.add(res);
        if (answer === "accept-and-drop") return void req.socket.destroy();
        const reply = answer === "accept" ? { status: 201, body: { sid: messageSid(), status: "queued", error_code: null } } : answer;
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
    sentFor: (body: string) => posts.filter((post) => post.body === body && (post.answer === "accept" || post.answer === "accept-and-hang" || post.answer === "accept-and-drop")),
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
 * Stands in for Twilio's media URLs. `/hold/…` answers only once released (a slow or
 * stuck download); everything else answers a PNG at once. Counts requests per path.
 */
export async function startMediaServer() {
  const hits = new Map<string, number>();
  const held: http.ServerResponse[] = [];
  let holding = true;
  const server = http.createServer((req, res) => {
    const path = req.url ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (!req.headers.authorization?.startsWith("Basic ")) return void res.writeHead(401).end();
    if (path.startsWith("/hold/") && holding) return void held.push(res);
    res.writeHead(200, { "Content-Type": "image/png", "Content-Length": PNG.length }).end(PNG);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    heldCount: () => held.filter((res) => !res.destroyed && !res.writableEnded).length,
    release: () => {
      holding = false;
    },
    close: () => close(server),
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
