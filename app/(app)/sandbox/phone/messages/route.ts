import { NextResponse } from "next/server";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { sendFromHandset } from "@/lib/sandbox/handset";
import { handsetTextSchema, MAX_HANDSET_REQUEST_BYTES, tooLargeMessage } from "@/lib/sandbox/simulator-validation";

export const dynamic = "force-dynamic";

/** The simulated phone sends a text (multipart: from, to, body, files). */
export const POST = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  assertSameOrigin(request);
  await authorizeRequest();
  // Refused before reading: a body this large is cut short on its way in, and would only
  // fail to parse.
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_HANDSET_REQUEST_BYTES) throw new AppError("payload_too_large", tooLargeMessage(declared));
  const form = await request.formData().catch(() => {
    throw new AppError("bad_request", "The message could not be read. Try again, with files under 5 MB in all.");
  });
  const parsed = handsetTextSchema.safeParse({ from: form.get("from"), to: form.get("to"), body: form.get("body") ?? "" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", issue?.message ?? "Check the message.", issue ? { [String(issue.path[0])]: issue.message } : undefined);
  }
  const files = form.getAll("files").filter((entry): entry is File => typeof entry !== "string" && entry.size > 0);
  const media = await Promise.all(
    files.map(async (file) => ({ contentType: file.type, fileName: file.name || null, data: Buffer.from(await file.arrayBuffer()) })),
  );
  const message = await sendFromHandset({ ...parsed.data, media });
  return NextResponse.json({ ok: true, sid: message.sid, from: message.from });
});
