import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { route } from "@/lib/http/route";
import { loadInboxCounts } from "@/lib/tickets/inbox";
import { readInboxFilters } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

export const GET = route({ role: "user" }, async ({ request, user }) => {
  const { integration, tag, q } = readInboxFilters(new URL(request.url).searchParams);
  const counts = await loadInboxCounts({ db: await getDb(), userId: user.id, integrationId: integration, tag, q });
  return NextResponse.json(counts, { headers: { "Cache-Control": "no-store" } });
});
