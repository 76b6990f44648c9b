import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A reset link's token is `<row id>.<secret>`: the id finds the row (so failed guesses
 * can be counted against that user's sign-in throttle), the secret proves the link.
 */
export function newResetSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, secretHash: hashResetSecret(secret) };
}

export function hashResetSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function resetToken(id: string, secret: string): string {
  return `${id}.${secret}`;
}

export function parseResetToken(token: string): { id: string; secret: string } | null {
  const [id, secret, ...rest] = token.split(".");
  if (!id || !secret || rest.length > 0 || !UUID.test(id) || !/^[\w-]{20,100}$/.test(secret)) return null;
  return { id: id.toLowerCase(), secret };
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashResetSecret(secret), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
