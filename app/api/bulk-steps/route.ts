import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { createBulkStep } from "@/lib/bulk/steps";
import { bulkStepRequestSchema } from "@/lib/bulk/validation";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const CHOOSE = "Choose what to do (assign, close, reopen, tag, untag or snooze) and select the tickets.";

/**
 * A step on many tickets: { action: "assign", assigneeId } | { action: "close" | "reopen" } |
 * { action: "tag" | "untag", tag } | { action: "snooze", until }, with selection: { ticketIds } |
 * { matching: { view, integration?, tag?, q? } }. A tag name or a time that cannot be one is refused in its own words.
 */
export const POST = route(
  {
    role: "user",
    sameOrigin: true,
    body: bulkStepRequestSchema,
    invalid: (error) => {
      const issue = error.issues.find((one) => one.path[0] === "tag" || one.path[0] === "until");
      return issue ? new AppError("bad_request", issue.message, { [String(issue.path[0])]: issue.message }) : new AppError("bad_request", CHOOSE);
    },
  },
  async ({ user, body }) => {
    const step = await createBulkStep({ db: await getDb(), actor: user, request: body });
    return NextResponse.json(step, { status: 202 });
  },
);
