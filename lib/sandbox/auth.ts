import { createHash, timingSafeEqual } from "node:crypto";
import { getSandboxCredentials, type SandboxCredentials } from "@/lib/twilio/credentials";
import { SandboxError } from "./errors";

export type SandboxAccount = SandboxCredentials;

function sameSecret(given: string, expected: string): boolean {
  // Hashing first makes both sides the same length, so the comparison time says nothing.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function readBasicAuth(header: string | null): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export const UNAUTHENTICATED_HEADERS = { "WWW-Authenticate": 'Basic realm="Twilio API"' };

/** HTTP Basic auth with the sandbox account's SID and auth token, as Twilio's REST API asks. */
export async function authenticateSandbox(request: Request): Promise<SandboxAccount> {
  const account = await getSandboxCredentials();
  const given = readBasicAuth(request.headers.get("authorization"));
  const accepted = given !== null && sameSecret(given.username, account.accountSid) && sameSecret(given.password, account.authToken);
  if (!accepted) throw new SandboxError(401, 20003, "Authenticate");
  return account;
}
