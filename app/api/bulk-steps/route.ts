import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { createBulkStep } from "@/lib/bulk/steps";
import { bulkStepRequestSchema } from "@/lib/bulk/validation";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** A step on many tickets: { action: "assign", assigneeId } | { action: "close" } | { action: "reopen" }, with selection: { ticketIds } | { matching: { view, integration?, q? } }. */
export const POST = route(
  { role: "user", sameOrigin: true, body: bulkStepRequestSchema, invalid: "Choose what to do (assign, close or reopen) and select the tickets." },
  async ({ user, body }) => {
    const step = await createBulkStep({ db: await getDb(), actor: user, request: body });
    return NextResponse.json(step, { status: 202 });
  },
);
