import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { retryAttachmentDownload } from "@/lib/tickets/manage";

export const dynamic = "force-dynamic";

/** Downloads a customer's picture again after the download failed. */
export const POST = route({ role: "user", sameOrigin: true }, async ({ params }) => {
  const attachmentId = parseId(params.attachmentId, "This attachment");
  await retryAttachmentDownload({ db: await getDb(), attachmentId });
  return NextResponse.json({ ok: true });
});
