import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listSavedReplies } from "@/db/queries/saved-replies";
import { route } from "@/lib/http/route";
import { fillSavedReply } from "@/lib/saved-replies/template";

export const dynamic = "force-dynamic";

/**
 * The saved replies, for the composer's "Insert saved reply" menu: every signed-in agent may
 * read them, with {{agent.first_name}} filled in for the caller (the composer fills the rest).
 */
export const GET = route({ role: "user" }, async ({ user }) => {
  const replies = await listSavedReplies({ db: await getDb() });
  return NextResponse.json(
    { replies: replies.map(({ id, title, body }) => ({ id, title, body: fillSavedReply(body, { agentName: user.name }, ["agent.first_name"]) })) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
