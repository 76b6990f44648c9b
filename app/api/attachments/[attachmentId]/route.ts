import { getDb } from "@/db";
import { getAttachment } from "@/db/queries/attachments";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { handleInbox } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** A picture from a conversation, for signed-in users only. */
export const GET = handleInbox(async (_request: Request, ctx: RouteContext<"/api/attachments/[attachmentId]">) => {
  await authorizeRequest();
  const id = parseId((await ctx.params).attachmentId, "This attachment");
  const attachment = await getAttachment({ db: await getDb(), id });
  if (!attachment || attachment.status !== "stored" || !attachment.data) throw new AppError("not_found", "This attachment does not exist.");
  // Stored files never change, so the browser may keep them; "private" keeps them out of shared caches.
  return attachmentResponse({ data: attachment.data, fileName: attachment.fileName }, "private, max-age=86400, immutable");
});
