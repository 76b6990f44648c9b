import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { assertSameOrigin, handleInbox } from "@/lib/http/inbox";
import { parseId } from "@/lib/tickets/ids";
import { retryAttachmentDownload } from "@/lib/tickets/manage";

export const dynamic = "force-dynamic";

/** Downloads a customer's picture again after the download failed. */
export const POST = handleInbox(async (request: Request, ctx: RouteContext<"/api/attachments/[attachmentId]/retry">) => {
  assertSameOrigin(request);
  await authorizeRequest();
  const attachmentId = parseId((await ctx.params).attachmentId, "This attachment");
  await retryAttachmentDownload({ db: await getDb(), attachmentId });
  return NextResponse.json({ ok: true });
});
