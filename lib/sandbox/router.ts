import { getDb } from "@/db";
import { twilioMode } from "@/lib/config/env";
import { describeError, log } from "@/lib/log";
import { getSandboxCredentials } from "@/lib/twilio/credentials";
import { authenticateSandbox, UNAUTHENTICATED_HEADERS } from "./auth";
import { CONTENT_PREFIX, serveMediaContent } from "./content";
import { notFound, SandboxError, twilioErrorResponse } from "./errors";
import { readForm, TwilioParams } from "./http";
import { matchRoute } from "./routes";

import { SANDBOX_PREFIX } from "./paths";

function methodNotAllowed(): SandboxError {
  return new SandboxError(405, 20004, "Method not allowed");
}

async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(SANDBOX_PREFIX) ? url.pathname.slice(SANDBOX_PREFIX.length) : url.pathname;
  if (path.startsWith(CONTENT_PREFIX) && request.method === "GET") {
    // Media content: no credentials, a signed, expiring link instead (like Twilio's storage URLs).
    const { authToken } = await getSandboxCredentials();
    return serveMediaContent({ db: await getDb(), mediaSid: path.slice(CONTENT_PREFIX.length), search: url.searchParams, authToken });
  }
  // Twilio checks credentials before it says whether anything exists.
  const account = await authenticateSandbox(request);
  const match = matchRoute(path);
  // The Messaging API's paths name no account: the credentials alone say whose it is.
  if (!match || ("AccountSid" in match.params && match.params.AccountSid !== account.accountSid)) throw notFound(path);
  const endpoint = match.route.methods[request.method as keyof typeof match.route.methods];
  if (!endpoint) throw methodNotAllowed();
  const form = request.method === "POST" ? await readForm(request) : new TwilioParams([]);
  return endpoint({ db: await getDb(), account, path: match.params, resourcePath: path, search: url.searchParams, form });
}

/** Every request to /sandbox/twilio/…: Twilio's REST API, served by the app itself. */
export async function handleSandboxRequest(request: Request): Promise<Response> {
  if (twilioMode() === "live") return new Response("Not Found", { status: 404 });
  try {
    return await dispatch(request);
  } catch (error) {
    if (error instanceof SandboxError) {
      return twilioErrorResponse(error, error.status === 401 ? UNAUTHENTICATED_HEADERS : {});
    }
    log.error({ err: describeError(error) }, "sandbox request failed");
    return twilioErrorResponse(new SandboxError(500, 20500, "Internal Server Error"));
  }
}
