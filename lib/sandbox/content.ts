import { createHmac, timingSafeEqual } from "node:crypto";
import { getSandboxMediaContent } from "@/db/queries/sandbox-media";
import type { Database } from "@/db/client";
import { extensionFor } from "@/lib/media/sniff";
import { SANDBOX_PREFIX } from "./paths";

export const CONTENT_PREFIX = "/content/";
const HOUR = 3600;

function signature(mediaSid: string, expires: number, authToken: string): string {
  return createHmac("sha256", authToken).update(`${mediaSid}.${expires}`).digest("base64url");
}

/**
 * Where a media item's bytes can be fetched without credentials, like the short-lived
 * storage URL Twilio's media URLs redirect to. The expiry is rounded to the hour so the
 * same image keeps the same URL (and stays cached) while a page refreshes.
 */
export function signedContentPath(mediaSid: string, authToken: string, now = Date.now()): string {
  const expires = (Math.floor(now / 1000 / HOUR) + 2) * HOUR;
  return `${SANDBOX_PREFIX}${CONTENT_PREFIX}${mediaSid}?Expires=${expires}&Signature=${signature(mediaSid, expires, authToken)}`;
}

export function isValidContentSignature(mediaSid: string, search: URLSearchParams, authToken: string, now = Date.now()): boolean {
  const expires = Number(search.get("Expires"));
  const given = Buffer.from(search.get("Signature") ?? "");
  if (!Number.isInteger(expires) || expires * 1000 < now) return false;
  const expected = Buffer.from(signature(mediaSid, expires, authToken));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Shown in the browser as themselves; anything else (HTML, SVG, …) only as a download,
// so a customer's file can never run as a page of this app.
const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/|video\/)/;

export async function serveMediaContent({ db, mediaSid, search, authToken }: { db: Database; mediaSid: string; search: URLSearchParams; authToken: string }): Promise<Response> {
  if (!isValidContentSignature(mediaSid, search, authToken)) {
    return new Response("Access denied: this media link is not valid or has expired.", { status: 403 });
  }
  const media = await getSandboxMediaContent({ db, sid: mediaSid });
  if (!media) return new Response("Not Found", { status: 404 });
  const fileName = (media.fileName || `${media.sid}.${extensionFor(media.contentType)}`).replace(/["\\\r\n]/g, "_");
  return new Response(new Uint8Array(media.data), {
    headers: {
      "Content-Type": media.contentType,
      "Content-Length": String(media.data.byteLength),
      "Content-Disposition": `${INLINE.test(media.contentType) ? "inline" : "attachment"}; filename="${fileName}"`,
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
