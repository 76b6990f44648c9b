import { getDb } from "@/db";
import { getAttachment } from "@/db/queries/attachments";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { verifyMediaSignature } from "@/lib/outbound/media-url";
import { ticketIdSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

function refuse(status: 403 | 404) {
  return new Response(status === 403 ? "Forbidden" : "Not found", { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * Outgoing MMS pictures, for Twilio to fetch: no session, but the URL carries an HMAC
 * signature and an expiry (lib/outbound/media-url.ts). Checked before anything is read.
 */
export async function GET(request: Request, ctx: RouteContext<"/api/media/[attachmentId]">) {
  const { attachmentId } = await ctx.params;
  const params = new URL(request.url).searchParams;
  if (!(await verifyMediaSignature({ attachmentId, expires: params.get("expires"), sig: params.get("sig") }))) return refuse(403);
  if (!ticketIdSchema.safeParse(attachmentId).success) return refuse(404);
  const attachment = await getAttachment({ db: await getDb(), id: attachmentId });
  if (!attachment || attachment.status !== "stored" || !attachment.data) return refuse(404);
  return attachmentResponse({ data: attachment.data, fileName: attachment.fileName }, "private, max-age=300");
}
