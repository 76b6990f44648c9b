import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listSavedRepliesFor } from "@/db/queries/saved-replies";
import { route } from "@/lib/http/route";
import { fillSavedReply } from "@/lib/saved-replies/template";
import { agentNames, savedReplyView } from "@/lib/saved-replies/view";

export const dynamic = "force-dynamic";

/**
 * The saved replies and macros the caller may use (everyone's and their own), for the
 * composer's menu: {{agent.first_name}} filled in for the caller (the composer fills the
 * rest), and each macro's actions in words as the caller reads them ("assign to you").
 */
export const GET = route({ role: "user" }, async ({ user }) => {
  const db = await getDb();
  const [replies, names] = await Promise.all([listSavedRepliesFor({ db, userId: user.id }), agentNames({ db })]);
  return NextResponse.json(
    {
      replies: replies.map((reply) => {
        const view = savedReplyView(reply, names, user.id);
        return { id: view.id, title: view.title, body: fillSavedReply(view.body, { agentName: user.name }, ["agent.first_name"]), summary: view.summary, own: view.ownerId !== null };
      }),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
