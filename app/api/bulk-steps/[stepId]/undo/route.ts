import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { undoBulkStep } from "@/lib/bulk/steps";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";

export const dynamic = "force-dynamic";

/** Undoes a finished step on many tickets, as a new step. */
export const POST = route({ role: "user", sameOrigin: true }, async ({ user, params }) => {
  const step = await undoBulkStep({ db: await getDb(), actor: user, stepId: parseId(params.stepId) });
  return NextResponse.json(step, { status: 202 });
});
