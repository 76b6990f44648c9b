import http from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_PREFIX } from "@/lib/sandbox/paths";

type RouteHandler = (request: Request) => Promise<Response> | Response;

/** One request the server answered, as the tests inspect it afterwards. */
export interface Exchange {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: string;
  status: number;
  responseType: string | null;
  responseBody: string;
}

export interface AppServer {
  url: string;
  /** Every exchange; a test may empty it. */
  exchanges: Exchange[];
  /** Every exchange with the sandbox's Twilio API since the server started, never emptied. */
  twilioExchanges: Exchange[];
  /** Serves `path` (exact, or a prefix when it ends with "/") with `handler`, ahead of the app's routes. */
  route(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

type Module = Record<string, unknown>;

// The app's own route handlers, loaded as Next would load them.
const APP_ROUTES: ReadonlyArray<[prefix: string, load: () => Promise<Module>]> = [
  ["/sandbox/twilio/", () => import("@/app/sandbox/twilio/[...path]/route")],
  ["/api/twilio/sms", () => import("@/app/api/twilio/sms/route")],
  ["/api/twilio/status", () => import("@/app/api/twilio/status/route")],
];

async function appHandler(path: string, method: string): Promise<RouteHandler | null> {
  const entry = APP_ROUTES.find(([prefix]) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix));
  if (!entry) return null;
  const handler = (await entry[1]())[method];
  return typeof handler === "function" ? (handler as RouteHandler) : null;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/**
 * A real HTTP server in the test process that hands requests to the app's route
 * handlers, so the real Twilio SDK (and the sandbox's own webhooks) talk HTTP to the app.
 * It sets PUBLIC_BASE_URL and INTERNAL_BASE_URL to itself.
 */
export async function startAppServer(): Promise<AppServer> {
  const exchanges: Exchange[] = [];
  const twilioExchanges: Exchange[] = [];
  const extra: Array<[string, RouteHandler]> = [];
  const server = http.createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming);
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const method = incoming.method ?? "GET";
    const request = new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : new Uint8Array(body) });
    const custom = extra.find(([path]) => (path.endsWith("/") ? url.pathname.startsWith(path) : url.pathname === path))?.[1];
    const handler = custom ?? (await appHandler(url.pathname, method));
    const response = handler ? await handler(request) : new Response("Not Found", { status: 404 });
    const bytes = Buffer.from(await response.arrayBuffer());
    const exchange: Exchange = {
      method,
      path: url.pathname,
      search: url.searchParams,
      headers,
      body: body.toString("utf8"),
      status: response.status,
      responseType: response.headers.get("content-type"),
      responseBody: bytes.toString("utf8"),
    };
    exchanges.push(exchange);
    if (url.pathname.startsWith(SANDBOX_PREFIX + "/")) twilioExchanges.push(exchange);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PUBLIC_BASE_URL = url;
  process.env.INTERNAL_BASE_URL = url;
  return {
    url,
    exchanges,
    twilioExchanges,
    route: (path, handler) => void extra.unshift([path, handler]),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
