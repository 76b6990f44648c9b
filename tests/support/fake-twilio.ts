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

/** What the fake answers next: a status and JSON, or "hang" to never answer (a timeout). */
export type FakeReply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> } | "hang";

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
  const hanging = new Set<http.ServerResponse>();
  let count = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const request = { method: req.method ?? "GET", path: req.url ?? "", params: new URLSearchParams(raw) };
      requests.push(request);
      everyRequest.push(request);
      const reply = replies.shift() ?? { status: 201, body: { sid: `SM${String(++count).padStart(32, "0")}`, status: "queued" } };
      if (reply === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
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
    /** Forgets the requests seen so far and the replies not used. */
    reset: () => {
      requests.length = 0;
      replies.length = 0;
    },
    /** Every request since the start, as the contract checker reads them. */
    contractRequests: () =>
      everyRequest.map((request) => {
        const url = new URL(request.path, "http://twilio.invalid");
        return { method: request.method, path: url.pathname, search: url.searchParams, body: request.params.toString() };
      }),
    messageRequests: () => requests.filter((request) => request.path.endsWith("/Messages.json")),
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
