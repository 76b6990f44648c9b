import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { authorizeRequest } from "@/lib/auth/session";
import { twilioMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { publishInboxEvent } from "@/lib/realtime/publish";
import { carrierRulesSchema } from "@/lib/sandbox/simulator-validation";
import { setUsCarrierRules } from "@/lib/sandbox/us-carriers";

export const dynamic = "force-dynamic";

/**
 * Admins only: whether the sandbox's carrier refuses texts from numbers not registered with
 * US carriers (30034, 30032), as real ones do, or delivers them, to try the inbox without registering.
 */
export const POST = handle(async (request: Request) => {
  if (twilioMode() === "live") return new NextResponse("Not Found", { status: 404 });
  assertSameOrigin(request);
  await authorizeRequest("admin");
  const parsed = carrierRulesSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw new AppError("bad_request", "Say whether US carriers' rules apply (on or off).");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await setUsCarrierRules({ db: tx, on: parsed.data.on });
    await publishInboxEvent({ db: tx, event: { type: "sandbox.updated", handset: "" } });
  });
  return NextResponse.json({ ok: true });
});
