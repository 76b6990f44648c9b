import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listCannedReplies } from "@/db/queries/canned-replies";
import { authorizeRequest } from "@/lib/auth/session";
import { fillSavedReply } from "@/lib/canned-replies/template";
import { handleInbox } from "@/lib/http/inbox";

export const dynamic = "force-dynamic";

/**
 * The saved replies, for the composer's "Insert saved reply" menu: every signed-in agent may
 * read them, with {{agent.first_name}} filled in for the caller (the composer fills the rest).
 */
export const GET = handleInbox(async () => {
  const user = await authorizeRequest();
  const replies = await listCannedReplies({ db: await getDb() });
  return NextResponse.json(
    { replies: replies.map(({ id, title, body }) => ({ id, title, body: fillSavedReply(body, { agentName: user.name }, ["agent.first_name"]) })) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
