import { AppError } from "@/lib/errors";

/**
 * Refuses a state-changing request sent by another site's page (a form can post
 * multipart across origins without asking): its Origin must be this host. Requests
 * with no Origin (curl, tests) are not a browser acting for someone, so they pass.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "This request came from another site and was refused.");
}
