import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { getBulkStepView } from "@/lib/bulk/steps";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** How far a step on many tickets has got. */
export const GET = route({ role: "user" }, async ({ user, params }) => {
  const step = await getBulkStepView({ db: await getDb(), stepId: parseId(params.stepId), viewer: user });
  return NextResponse.json(step, { headers: { "Cache-Control": "no-store" } });
});
