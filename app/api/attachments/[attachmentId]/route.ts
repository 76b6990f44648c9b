import { getDb } from "@/db";
import { getAttachment } from "@/db/queries/attachments";
import { AppError } from "@/lib/errors";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** A picture from a conversation, for signed-in users only. */
export const GET = route({ role: "user" }, async ({ params }) => {
  const id = parseId(params.attachmentId, "This attachment");
  const attachment = await getAttachment({ db: await getDb(), id });
  if (!attachment || attachment.status !== "stored" || !attachment.data) throw new AppError("not_found", "This attachment does not exist.");
  // Stored files never change, so the browser may keep them; "private" keeps them out of shared caches.
  return attachmentResponse({ data: attachment.data, fileName: attachment.fileName }, "private, max-age=86400, immutable");
});
