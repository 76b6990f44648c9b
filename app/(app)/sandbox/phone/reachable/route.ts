import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { setHandsetReachable } from "@/lib/sandbox/carrier";
import { reachableSchema } from "@/lib/sandbox/simulator-validation";

export const dynamic = "force-dynamic";

/** Switches a failing test number to reachable (or back), so a retry can be shown to work. */
export const POST = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  assertSameOrigin(request);
  await authorizeRequest();
  const parsed = reachableSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw new AppError("bad_request", "Choose a phone first.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await setHandsetReachable({ db: tx, ...parsed.data });
    await publishInboxEvent({ db: tx, event: { type: "sandbox.updated", handset: parsed.data.handset } });
  });
  return NextResponse.json({ ok: true });
});
