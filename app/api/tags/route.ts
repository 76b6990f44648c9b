import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listTagNames } from "@/db/queries/tags";
import { route } from "@/lib/http/route";
import { normalizeTagName } from "@/lib/tags/name";

export const dynamic = "force-dynamic";

/** Tag names: ?q= those holding it (names starting with it first), for the ticket header's suggestions; without, all of them, for the list's filter. */
export const GET = route({ role: "user" }, async ({ request }) => {
  const query = normalizeTagName((new URL(request.url).searchParams.get("q") ?? "").slice(0, 200));
  const tags = await listTagNames({ db: await getDb(), query: query || undefined, limit: query ? 10 : 500 });
  return NextResponse.json({ tags }, { headers: { "Cache-Control": "no-store" } });
});
