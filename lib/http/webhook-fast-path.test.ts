import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicBaseUrl } from "@/lib/config/env";
import { answerWebhooksBeforeNext } from "./webhook-fast-path";

const seen: Request[] = [];
const bodies: string[] = [];
let undo: () => void;
let server: http.Server;
let base: string;
const reachedServer: string[] = [];

beforeAll(async () => {
  undo = answerWebhooksBeforeNext({
    "/hooks/echo": async (request) => {
      seen.push(request);
      bodies.push(await request.text());
      return new Response("<Response/>", { status: 200, headers: { "Content-Type": "text/xml", "X-From": "handler" } });
    },
    "/hooks/broken": async () => {
      throw new Error("boom");
    },
  });
  // The server's own listener stands for Next: it answers whatever the webhooks do not claim.
  server = http.createServer((request, response) => {
    reachedServer.push(`${request.method} ${request.url}`);
    response.end("from the server");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  undo();
  await new Promise((resolve) => server.close(resolve));
});

describe("webhooks answered before Next", () => {
  it("hands a POST to its handler as a Request at the public address, and writes its answer with the security headers", async () => {
    const response = await fetch(`${base}/hooks/echo?message=abc&attempt=2`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "sig" },
      body: "Body=Hello&From=%2B14155550100",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<Response/>");
    expect(response.headers.get("x-from")).toBe("handler");
    expect(response.headers.get("content-type")).toBe("text/xml");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const request = seen.at(-1)!;
    expect(request.url).toBe(`${publicBaseUrl()}/hooks/echo?message=abc&attempt=2`);
    expect(request.headers.get("x-twilio-signature")).toBe("sig");
    expect(bodies.at(-1)).toBe("Body=Hello&From=%2B14155550100");
    expect(reachedServer).toEqual([]);
  });

  it("leaves other methods and other paths to the server", async () => {
    expect(await (await fetch(`${base}/hooks/echo`)).text()).toBe("from the server");
    expect(await (await fetch(`${base}/hooks/echo/more`, { method: "POST", body: "x" })).text()).toBe("from the server");
    expect(await (await fetch(`${base}/api/health`, { method: "POST", body: "x" })).text()).toBe("from the server");
    expect(reachedServer).toEqual(["GET /hooks/echo", "POST /hooks/echo/more", "POST /api/health"]);
  });

  it("refuses a body over 256 KB without calling the handler", async () => {
    const before = seen.length;
    const response = await fetch(`${base}/hooks/echo`, { method: "POST", body: "x".repeat(256 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Request body too large.");
    expect(seen.length).toBe(before);
  });

  it("answers 500 in words when a handler throws, and goes on serving", async () => {
    const response = await fetch(`${base}/hooks/broken`, { method: "POST", body: "x" });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Something went wrong on our side. Try again.");
    expect((await fetch(`${base}/hooks/echo`, { method: "POST", body: "y" })).status).toBe(200);
  });
});
