import { AppError } from "@/lib/errors";

/**
 * Whether a request's Origin names this host (X-Forwarded-Host behind a proxy, else Host).
 * Requests with no Origin (curl, tests) are not a browser acting for someone, so they pass.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  return !!host && originHost === host;
}

/**
 * Refuses a state-changing request sent by another site's page (a form can post
 * multipart across origins without asking): its Origin must be this host.
 */
export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request.headers)) throw new AppError("forbidden", "This request came from another site and was refused.");
}
