import twilio from "twilio";
import { readEventStream } from "./event-stream";
import { percentile } from "./load";

export interface LiveOptions {
  appUrl: string;
  cookie: string;
  accountSid: string;
  authToken: string;
  businessNumber: string;
  clients: number;
  seconds: number;
}

export interface LiveResult {
  clients: number;
  webhooks: number;
  samples: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  /** From sending the webhook (so including the app's own handling) to the event. */
  fromSent: { p50: number; p95: number };
  /** Events that reached a browser before the webhook's 200 reached Twilio. */
  beforeResponse: number;
}

interface Client {
  arrivals: number[];
  ready: Promise<void>;
  close: () => void;
}

/** A browser's EventSource, reduced to what is measured: when each new-ticket event arrives. */
function connect(url: string, cookie: string): Client {
  const controller = new AbortController();
  const arrivals: number[] = [];
  const { ready } = readEventStream({
    url,
    cookie,
    signal: controller.signal,
    onFrame: (frame, now) => {
      if (frame.includes('"type":"ticket.created"')) arrivals.push(now);
    },
  });
  return { arrivals, ready, close: () => controller.abort() };
}

/**
 * Webhooks from new customers, one after another, while `clients` browsers listen.
 * Each webhook makes exactly one ticket.created event and they are published in order,
 * so the k-th event on every client belongs to the k-th webhook: latency is its arrival
 * minus the moment that webhook's 200 came back (an event may beat the response: 0).
 */
let runs = 0;

export async function runLive(options: LiveOptions): Promise<LiveResult> {
  // New customers every run (each first message makes one ticket.created).
  const run = runs++;
  const clients = Array.from({ length: options.clients }, () => connect(options.appUrl, options.cookie));
  await Promise.all(clients.map((client) => client.ready));
  const acknowledged: number[] = [];
  const sentAt: number[] = [];
  const deadline = performance.now() + options.seconds * 1000;
  const stamp = Date.now() % 1_000_000;
  for (let index = 0; performance.now() < deadline; index++) {
    const sid = `SM${stamp.toString(16).padStart(8, "0")}${index.toString(16).padStart(24, "0")}`;
    const params = {
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: options.accountSid,
      From: `+1646${300 + run}${String(index).padStart(4, "0")}`,
      To: options.businessNumber,
      Body: `Live latency probe ${index}`,
      NumMedia: "0",
    };
    sentAt.push(performance.now());
    const response = await fetch(`${options.appUrl}/api/twilio/sms`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": twilio.getExpectedTwilioSignature(options.authToken, `${options.appUrl}/api/twilio/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`Live webhook: HTTP ${response.status}`);
    acknowledged.push(performance.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const client of clients) client.close();
  const latencies: number[] = [];
  const fromSent: number[] = [];
  let missing = 0;
  let beforeResponse = 0;
  for (const client of clients) {
    acknowledged.forEach((at, k) => {
      const arrival = client.arrivals[k];
      if (arrival === undefined) return void missing++;
      if (arrival < at) beforeResponse++;
      latencies.push(Math.max(0, arrival - at));
      fromSent.push(arrival - sentAt[k]!);
    });
  }
  latencies.sort((a, b) => a - b);
  fromSent.sort((a, b) => a - b);
  return {
    clients: clients.length,
    webhooks: acknowledged.length,
    samples: latencies.length,
    missing,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    fromSent: { p50: percentile(fromSent, 50), p95: percentile(fromSent, 95) },
    beforeResponse,
  };
}
