import http from "node:http";
import { publicBaseUrl } from "@/lib/config/env";
import { describeError, log } from "@/lib/log";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/twilio/webhook";
import { securityHeaders } from "./security-headers";

/** A webhook's handler: the same function its route handler exports as POST. */
export type WebhookHandler = (request: Request) => Promise<Response>;

const INSTALLED = Symbol.for("sms-inbox.webhookFastPath");
type PatchedServer = typeof http.Server.prototype & { [INSTALLED]?: Map<string, WebhookHandler> };

/**
 * Answers Twilio's webhooks (a POST to one of `routes`' paths) in the server process before
 * Next's request pipeline sees them, with the handlers their routes export. Next's routing,
 * proxy and response machinery cost more CPU per request than storing a text does, and
 * webhooks need none of it: they check their own signature and answer plain text or TwiML.
 * Everything else (pages, the API, a webhook path with any other method) goes to Next as
 * before, so do requests on a server this does not reach (HTTPS, or `next dev`'s own).
 * Called once at start-up; a second call changes nothing. Returns what undoes it.
 */
export function answerWebhooksBeforeNext(routes: Record<string, WebhookHandler>): () => void {
  const prototype = http.Server.prototype as PatchedServer;
  if (prototype[INSTALLED]) return () => {};
  const handlers = new Map(Object.entries(routes));
  prototype[INSTALLED] = handlers;
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const handler = request.method === "POST" ? handlers.get(pathOf(request.url)) : undefined;
      if (handler) {
        void serve(handler, request, response);
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  return () => {
    prototype.emit = emit;
    delete prototype[INSTALLED];
  };
}

function pathOf(url: string | undefined): string {
  if (!url) return "";
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

const HEADERS = Object.fromEntries(securityHeaders({ isDev: false }).map(({ key, value }) => [key, value]));

async function serve(handler: WebhookHandler, incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
  try {
    const body = await readBody(incoming);
    // The rest of a body too large is not read, so the connection ends with the answer.
    if (body === "too large") return send(outgoing, 413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }, "Request body too large.");
    if (body === "aborted") {
      log.info({ event: "request_aborted", path: pathOf(incoming.url) }, "request body aborted by the client");
      return;
    }
    const headers = new Headers();
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
    // The configured public address, as the route would see it: signatures are checked against it.
    const request = new Request(`${publicBaseUrl()}${incoming.url}`, { method: "POST", headers, body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) });
    const response = await handler(request);
    const answer = Object.fromEntries(response.headers);
    send(outgoing, response.status, answer, Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    log.error({ err: describeError(error) }, "unhandled error");
    send(outgoing, 500, { "Content-Type": "text/plain; charset=utf-8" }, "Something went wrong on our side. Try again.");
  }
}

function send(outgoing: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  if (outgoing.headersSent || outgoing.destroyed) return;
  outgoing.writeHead(status, { ...HEADERS, ...headers, "Content-Length": Buffer.byteLength(body) });
  outgoing.end(body);
}

/** The whole body, or why not: past the limit (the rest is not read), or cut off by the client. */
function readBody(incoming: http.IncomingMessage): Promise<Buffer | "too large" | "aborted"> {
  if (Number(incoming.headers["content-length"] ?? 0) > MAX_WEBHOOK_BODY_BYTES) return Promise.resolve("too large");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BODY_BYTES) {
        incoming.removeAllListeners("data");
        incoming.pause();
        resolve("too large");
      } else chunks.push(chunk);
    });
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("aborted", () => resolve("aborted"));
    incoming.on("error", () => resolve("aborted"));
  });
}
