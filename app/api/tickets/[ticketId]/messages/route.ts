import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parseId } from "@/lib/tickets/ids";
import { sendAgentReply } from "@/lib/tickets/reply";
import { replyFieldsSchema } from "@/lib/tickets/validation";

export const dynamic = "force-dynamic";

/** An agent's reply (multipart: body, policyOverride, basisMessageId, close, files, and a macro's macroId, macroRunId and timeZone). */
export const POST = route(
  {
    role: "user",
    sameOrigin: true,
    body: replyFieldsSchema,
    format: "composer",
    invalid: (error) => {
      const field = error.issues[0]?.path[0];
      return new AppError("bad_request", field === "body" || field === undefined ? "The message is too long." : "The reply could not be read. Reload the page and try again.");
    },
  },
  async ({ user, body: { macroId, macroRunId, timeZone, ...body }, files, params }) => {
    const macro = macroId && macroRunId ? { savedReplyId: macroId, runId: macroRunId, timeZone } : null;
    const message = await sendAgentReply({ db: await getDb(), ticketId: parseId(params.ticketId), author: user, ...body, macro, attachments: files });
    return NextResponse.json({ messageId: message.id }, { status: 201 });
  },
);
