import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { isSameOrigin } from "@/lib/http/same-origin";

const SIGN_IN_PAGES = /^\/(login|setup|reset-password)(\/|$)/;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Turns away anything but a read posted to a page from another site with a 403: server
 * actions called by script (a Next-Action header) and plain HTML forms alike, since a form
 * works without JavaScript and names its action in the body (Next would refuse both too,
 * but as a 500). Then, for comfort only, sends visitors without a session cookie to sign
 * in. Every page, action and route handler checks the session and role itself.
 */
export default function proxy(request: NextRequest) {
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

export const config = {
  matcher: ["/((?!api/|sandbox/twilio/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
