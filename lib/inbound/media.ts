import { eq } from "drizzle-orm";
import { attachments } from "@/db/schema";
import type { Database } from "@/db/client";
import type { JobHandler } from "@/lib/jobs/catalog";
import { RetryLater } from "@/lib/jobs/retry";
import { describeError, log } from "@/lib/log";
import { extensionFor, SUPPORTED_IMAGE_TYPES, sniffContentType } from "@/lib/media/sniff";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { getTwilioCredentials } from "@/lib/twilio/credentials";
import { messages } from "@/db/schema";
import { isTwilioMediaUrl, MEDIA_HOST_REFUSED } from "./media-host";

const MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 20_000;

async function fetchMedia(url: string): Promise<{ status: number; bytes?: Buffer }> {
  const { accountSid, authToken, apiKeySid, apiKeySecret } = await getTwilioCredentials();
  const user = apiKeySid && apiKeySecret ? apiKeySid : accountSid;
  const pass = apiKeySid && apiKeySecret ? apiKeySecret : (authToken ?? "");
  // fetch follows Twilio's redirect to the content and drops the credentials on the way.
  const response = await fetch(url, {
    headers: { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` },
    redirect: "follow",
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!response.ok) return { status: response.status };
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_DOWNLOAD_BYTES) return { status: 413 };
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_DOWNLOAD_BYTES) return { status: 413 };
  return { status: response.status, bytes };
}

/**
 * Downloads one inbound attachment, from Twilio's media host only. A 404 right after
 * delivery is common (the media is not there yet), so failures are retried; the last
 * failure leaves the attachment marked "could not be fetched" for an agent to retry. The
 * type is decided from the bytes.
 */
export const downloadInboundMedia: JobHandler<"media.download"> = async ({ db, job, payload }) => {
  const { attachmentId } = payload;
  const [attachment] = await db.select().from(attachments).where(eq(attachments.id, attachmentId));
  if (!attachment || attachment.status === "stored" || !attachment.sourceUrl) return;
  // The download carries the account's credentials: it goes to Twilio or nowhere, and asking again changes nothing.
  if (!isTwilioMediaUrl(attachment.sourceUrl)) {
    log.warn({ attachmentId, host: hostOf(attachment.sourceUrl) }, "media URL is not on Twilio's media host; not fetched");
    await markAttachment(db, attachment.messageId, attachmentId, { status: "failed", error: MEDIA_HOST_REFUSED });
    return;
  }

  let result: { status: number; bytes?: Buffer };
  try {
    result = await fetchMedia(attachment.sourceUrl);
  } catch (error) {
    result = { status: 0 };
    log.warn({ attachmentId, err: describeError(error) }, "media download failed");
  }

  if (!result.bytes) {
    const lastTry = job.attempts >= job.maxAttempts;
    if (!lastTry && result.status !== 413) {
      throw new RetryLater(`media download answered ${result.status}`, new Date(Date.now() + Math.min(1000 * 2 ** (job.attempts - 1), 30_000)));
    }
    await markAttachment(db, attachment.messageId, attachmentId, { status: "failed", error: result.status === 413 ? "The file is larger than 10 MB." : `The download failed (${result.status || "no answer"}).` });
    return;
  }

  const sniffed = await sniffContentType(result.bytes);
  if (!sniffed || !(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(sniffed)) {
    // Named by what the bytes are; by what was declared only when the bytes say nothing and
    // the claim is not one of the pictures they just failed to be.
    const declared = attachment.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    const contentType = sniffed ?? (declared && !(SUPPORTED_IMAGE_TYPES as readonly string[]).includes(declared) ? declared : "application/octet-stream");
    await markAttachment(db, attachment.messageId, attachmentId, { status: "unsupported", contentType, error: null });
    return;
  }
  await markAttachment(db, attachment.messageId, attachmentId, {
    status: "stored",
    contentType: sniffed,
    data: result.bytes,
    size: result.bytes.length,
    fileName: `${attachment.fileName.replace(/\.[a-z0-9]+$/i, "")}.${extensionFor(sniffed)}`,
    error: null,
  });
};

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

async function markAttachment(
  db: Database,
  messageId: string,
  attachmentId: string,
  changes: Partial<typeof attachments.$inferInsert>,
) {
  await db.transaction(async (tx) => {
    await tx.update(attachments).set(changes).where(eq(attachments.id, attachmentId));
    const [message] = await tx.select({ ticketId: messages.ticketId }).from(messages).where(eq(messages.id, messageId));
    if (message) await publishInboxEvent({ db: tx, event: { type: "message.updated", ticketId: message.ticketId, messageId } });
  });
}
