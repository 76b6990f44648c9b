import { randomBytes } from "node:crypto";
import postgres from "postgres";
import twilio from "twilio";
import { startApp, type AppServer } from "@/bench/server";
import type { DatabaseHandle } from "@/db/client";
import { openPostgres } from "@/db/drivers";

/** The PostgreSQL server the suite makes its databases on. */
export function postgresServerUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
}

export interface FreshDatabase {
  url: string;
  /** The test's own connection: seeding and checking what the apps stored. */
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/** A new, migrated, empty database on the server, dropped by `drop()`. */
export async function createDatabase(prefix: string): Promise<FreshDatabase> {
  const server = postgresServerUrl();
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    url: url.toString(),
    handle,
    drop: async () => {
      await handle.close().catch(() => {});
      const cleanup = postgres(server, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

/**
 * One `next start` on the shared database, in sandbox mode, reachable (and signing its
 * webhooks) at its own http://127.0.0.1:port.
 */
export function startAppProcess({ port, databaseUrl, env = {} }: { port: number; databaseUrl: string; env?: Record<string, string | undefined> }): Promise<AppServer> {
  return startApp({
    port,
    captureOutput: true,
    timeoutMs: 180_000,
    env: {
      DATABASE_URL: databaseUrl,
      DATA_DIR: undefined,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      INTERNAL_BASE_URL: undefined,
      NEXTAUTH_URL: undefined,
      NEXTAUTH_SECRET: undefined,
      TWILIO_ACCOUNT_SID: undefined,
      TWILIO_AUTH_TOKEN: undefined,
      TWILIO_API_KEY_SID: undefined,
      TWILIO_API_KEY_SECRET: undefined,
      TWILIO_API_BASE_URL: undefined,
      ...env,
    },
  });
}

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((header) => header.split(";")[0]!);
}

/** Signs in as the login form does (next-auth credentials) and returns the session cookie. */
export async function signIn(appUrl: string, user: { email: string; password: string }): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, callbackUrl: appUrl, json: "true" }).toString(),
  });
  await response.arrayBuffer();
  const session = cookiePairs(response).find((pair) => pair.includes("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${user.email} failed (HTTP ${response.status})`);
  return session;
}

/** Posts an inbound webhook to one process, signed for that process's public URL, as Twilio would. */
export async function postInbound(appUrl: string, authToken: string, params: Record<string, string>): Promise<number> {
  const url = `${appUrl}/api/twilio/sms`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": twilio.getExpectedTwilioSignature(authToken, url, params) },
    body: new URLSearchParams(params).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

/** An agent's reply from the composer; resolves to the HTTP status and the new message's id. */
export async function postReply(appUrl: string, cookie: string, ticketId: string, body: string): Promise<{ status: number; messageId?: string }> {
  const form = new FormData();
  form.set("body", body);
  const response = await fetch(`${appUrl}/api/tickets/${ticketId}/messages`, { method: "POST", headers: { Cookie: cookie, Origin: appUrl }, body: form });
  const json = (await response.json().catch(() => ({}))) as { messageId?: string };
  return { status: response.status, messageId: json.messageId };
}

/** A GET of the inbox's JSON API with a session cookie, as the browser's fetch would make it. */
export async function getJson<T>(appUrl: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${appUrl}${path}`, { headers: { Cookie: cookie } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A same-origin JSON request (POST, PATCH) to the inbox's API; resolves to the HTTP status and the answer. */
export async function sendJson<T>(appUrl: string, cookie: string, method: "POST" | "PATCH", path: string, body: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${appUrl}${path}`, { method, headers: { Cookie: cookie, Origin: appUrl, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as T };
}

export interface InboxEventSeen {
  type: string;
  ticketId?: string;
  messageId?: string;
  [key: string]: unknown;
}

export interface EventStream {
  events: InboxEventSeen[];
  /** Resolves once the server said it is listening (`event: ready`). */
  ready: Promise<void>;
  waitFor(match: (event: InboxEventSeen) => boolean, timeoutMs?: number): Promise<InboxEventSeen>;
  close(): void;
}

/** The live inbox's server-sent events, read as the browser's EventSource would. */
export async function openEventStream(appUrl: string, cookie: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${appUrl}/api/events`, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`/api/events answered ${response.status}`);
  const events: InboxEventSeen[] = [];
  const waiters = new Set<() => void>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const handleBlock = (block: string) => {
    let name = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    if (name === "ready") markReady();
    if (name !== "inbox") return;
    events.push(JSON.parse(data.join("\n")) as InboxEventSeen);
    for (const wake of waiters) wake();
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          handleBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Closed by close().
    }
  })();
  return {
    events,
    ready,
    close: () => abort.abort(),
    waitFor: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(events.slice(-10))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `done` holds for its value, or throws with the last value seen. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs = 60_000, what = "condition" } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last seen ${JSON.stringify(value)}`);
    await sleep(250);
    value = await read();
  }
  return value;
}

/** An inbound SMS as Twilio posts it; `mediaUrl` makes it an MMS with one picture. */
export function inboundSms({ accountSid, from, to, body, mediaUrl }: { accountSid: string; from: string; to: string; body: string; mediaUrl?: string }): Record<string, string> {
  const sid = `${mediaUrl ? "MM" : "SM"}${randomBytes(16).toString("hex")}`;
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: accountSid,
    From: from,
    To: to,
    Body: body,
    NumMedia: "0",
    NumSegments: "1",
    FromCountry: "US",
    ToCountry: "US",
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  };
  if (mediaUrl) Object.assign(params, { NumMedia: "1", MediaUrl0: mediaUrl, MediaContentType0: "image/png" });
  return params;
}
