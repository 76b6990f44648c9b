import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { isSameOrigin } from "@/lib/http/same-origin";

/** Routes that check their caller themselves (webhooks by signature, the API by session), and static files. */
const PUBLIC_PATHS = /^\/(api\/|sandbox\/twilio\/|_next\/|favicon\.ico$|icon\.svg$|robots\.txt$)/;

const SIGN_IN_PAGES = /^\/(login|setup|reset-password)(\/|$)/;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Turns away anything but a read posted to a page from another site with a 403: server
 * actions called by script (a Next-Action header) and plain HTML forms alike, since a form
 * works without JavaScript and names its action in the body (Next would refuse both too,
 * but as a 500). Then, for comfort only, sends visitors without a session cookie to sign
 * in. Every page, action and route handler checks the session and role itself.
 *
 * A worker process (APP_ROLE=worker) serves its health check and nothing else: every other
 * path is a 404, so a load balancer that sends it a page or a webhook by mistake is told so.
 */
export default function proxy(request: NextRequest) {
  if (env().APP_ROLE === "worker" && request.nextUrl.pathname !== "/api/health") {
    return new NextResponse("Not found: this is a worker process (APP_ROLE=worker); it serves only /api/health.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (PUBLIC_PATHS.test(request.nextUrl.pathname)) return NextResponse.next();
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers)) {
    return new NextResponse("This request came from another site and was refused.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (SIGN_IN_PAGES.test(request.nextUrl.pathname)) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  if (request.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

// Every path, so a worker process can refuse them all.
export const config = {
  matcher: ["/:path*"],
};
