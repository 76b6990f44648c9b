import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { tagTicket, untagTicket } from "@/lib/tags/manage";
import { ticketTagSchema } from "@/lib/tags/validation";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

const INVALID = "Write the tag's name (at most 50 characters).";

/** { name }: tags the ticket, with an existing tag (any case) or a new one. */
export const POST = route({ role: "user", sameOrigin: true, body: ticketTagSchema, invalid: INVALID }, async ({ user, body, params }) => {
  const { name } = await tagTicket({ db: await getDb(), ticketId: parseId(params.ticketId), name: body.name, actor: user });
  return NextResponse.json({ name });
});

/** { name }: takes the tag off the ticket. */
export const DELETE = route({ role: "user", sameOrigin: true, body: ticketTagSchema, invalid: INVALID }, async ({ user, body, params }) => {
  await untagTicket({ db: await getDb(), ticketId: parseId(params.ticketId), name: body.name, actor: user });
  return NextResponse.json({ ok: true });
});
