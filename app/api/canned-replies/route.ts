import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listCannedReplies } from "@/db/queries/canned-replies";
import { authorizeRequest } from "@/lib/auth/session";
import { handleInbox } from "@/lib/http/inbox";

export const dynamic = "force-dynamic";

/** The saved replies, for the composer's "Insert saved reply" menu: every signed-in agent may read them. */
export const GET = handleInbox(async () => {
  await authorizeRequest();
  const replies = await listCannedReplies({ db: await getDb() });
  return NextResponse.json(
    { replies: replies.map(({ id, title, body }) => ({ id, title, body })) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
