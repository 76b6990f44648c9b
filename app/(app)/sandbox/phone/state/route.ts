import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { handle } from "@/lib/http/respond";
import { loadSimulatorState } from "@/lib/sandbox/simulator";
import { simulatorQuerySchema } from "@/lib/sandbox/simulator-validation";

export const dynamic = "force-dynamic";

/** What the phone simulator shows, for the TanStack Query that keeps it current. */
export const GET = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  await authorizeRequest();
  const search = new URL(request.url).searchParams;
  const query = simulatorQuerySchema.parse({ handset: search.get("handset") ?? undefined, business: search.get("business") ?? undefined });
  const state = await loadSimulatorState({ db: await getDb(), handset: query.handset ?? null, business: query.business ?? null });
  return NextResponse.json(state, { headers: { "Cache-Control": "no-store" } });
});
