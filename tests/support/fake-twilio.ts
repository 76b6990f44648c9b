import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { expectRequestsFollowSpec } from "../contract/exchanges";

export interface FakeTwilioRequest {
  method: string;
  /** With the query string, as sent. */
  path: string;
  params: URLSearchParams;
}

/**
 * What the fake answers next: a status and JSON, "hang" to never answer (a timeout), or
 * "accept-and-drop" to make the message and break the connection before answering. With
 * `creates`, Twilio makes the message first and then answers so (a 500 after the fact).
 */
export type FakeReply = { status: number; body: Record<string, unknown>; headers?: Record<string, string>; creates?: boolean } | "hang" | "accept-and-drop";

/** A message Twilio has, as its Messages list shows it. */
export interface FakeTwilioMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  numMedia: number;
  dateCreated: Date;
}

function serializeMessage(message: FakeTwilioMessage, accountSid: string): Record<string, unknown> {
  return {
    sid: message.sid,
    account_sid: accountSid,
    from: message.from,
    to: message.to,
    body: message.body,
    num_media: String(message.numMedia),
    num_segments: "1",
    direction: "outbound-api",
    status: "queued",
    error_code: null,
    error_message: null,
    date_created: message.dateCreated.toUTCString(),
    date_updated: message.dateCreated.toUTCString(),
    date_sent: null,
    api_version: "2010-04-01",
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
  };
}

const LIST_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/;

/**
 * A stand-in for api.twilio.com that the real SDK talks to (TWILIO_API_BASE_URL), so tests
 * see exactly the requests Twilio would get. Replies come from a queue; when it is empty,
 * every message is accepted as "queued".
 */
export function createFakeTwilio() {
  const requests: FakeTwilioRequest[] = [];
  // Every request since the start, for checking them all against Twilio's API description.
  const everyRequest: FakeTwilioRequest[] = [];
  const replies: FakeReply[] = [];
  /** Answers to the next Messages list requests; when empty, the list shows the messages Twilio has. */
  const listReplies: FakeReply[] = [];
  const messages: FakeTwilioMessage[] = [];
  const hanging = new Set<http.ServerResponse>();
  let count = 0;
  const nextSid = () => `SM${String(++count).padStart(32, "0")}`;
  const answer = (res: http.ServerResponse, reply: FakeReply) => {
    if (reply === "hang") return void hanging.add(res);
    if (reply === "accept-and-drop") return void res.socket?.destroy();
    res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  };
  /** Newest first, filtered by From and To, one page of PageSize (no further pages). */
  const listPage = (url: URL, accountSid: string): FakeReply => {
    const from = url.searchParams.get("From");
    const to = url.searchParams.get("To");
    const pageSize = Number(url.searchParams.get("PageSize") ?? 50);
    const found = messages.filter((message) => (!from || message.from === from) && (!to || message.to === to)).reverse();
    const uri = `${url.pathname}${url.search}`;
    return {
      status: 200,
      body: { messages: found.slice(0, pageSize).map((message) => serializeMessage(message, accountSid)), page: 0, page_size: pageSize, start: 0, end: Math.max(0, Math.min(found.length, pageSize) - 1), uri, first_page_uri: uri, next_page_uri: null, previous_page_uri: null },
    };
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const request = { method: req.method ?? "GET", path: req.url ?? "", params: new URLSearchParams(raw) };
      requests.push(request);
      everyRequest.push(request);
      const url = new URL(request.path, "http://twilio.invalid");
      const list = LIST_PATH.exec(url.pathname);
      if (request.method === "GET" && list) return answer(res, listReplies.shift() ?? listPage(url, list[1]!));
      const reply = replies.shift() ?? { status: 201, body: { sid: nextSid(), status: "queued" }, creates: true };
      const creates = reply === "accept-and-drop" || (reply !== "hang" && (reply.creates || reply.status === 201));
      if (request.method === "POST" && list && creates) {
        const sid = typeof reply === "object" && typeof reply.body.sid === "string" ? reply.body.sid : nextSid();
        messages.push({ sid, from: request.params.get("From") ?? "", to: request.params.get("To") ?? "", body: request.params.get("Body") ?? "", numMedia: request.params.getAll("MediaUrl").length, dateCreated: new Date() });
      }
      answer(res, reply);
    });
  });
  return {
    listen: () => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)),
    /** Once listening. */
    get url() {
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    requests,
    replies,
    listReplies,
    /** The messages Twilio has made (and would text out), oldest first. */
    messages,
    /** Forgets the requests seen so far, the replies not used and the messages made. */
    reset: () => {
      requests.length = 0;
      replies.length = 0;
      listReplies.length = 0;
      messages.length = 0;
    },
    /** Every request since the start, as the contract checker reads them. */
    contractRequests: () =>
      everyRequest.map((request) => {
        const url = new URL(request.path, "http://twilio.invalid");
        return { method: request.method, path: url.pathname, search: url.searchParams, body: request.params.toString() };
      }),
    /** The sends (POSTs to Messages.json), not the lookups. */
    messageRequests: () => requests.filter((request) => request.method === "POST" && request.path.endsWith("/Messages.json")),
    /** The Messages list requests. */
    messageLookups: () => requests.filter((request) => request.method === "GET" && LIST_PATH.test(new URL(request.path, "http://twilio.invalid").pathname)),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeTwilio = ReturnType<typeof createFakeTwilio>;

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const twilio = createFakeTwilio();
  await twilio.listen();
  return twilio;
}

/**
 * For a describe block: a fake Twilio the app's SDK talks to (TWILIO_API_BASE_URL), emptied
 * before each test, and every request the app sent it checked against Twilio's spec at the end.
 */
export function useFakeTwilio(): FakeTwilio {
  const twilio = createFakeTwilio();
  beforeAll(async () => {
    await twilio.listen();
    process.env.TWILIO_API_BASE_URL = twilio.url;
  });
  beforeEach(() => twilio.reset());
  afterAll(() => expectRequestsFollowSpec(twilio.contractRequests()));
  afterAll(() => twilio.close());
  return twilio;
}
